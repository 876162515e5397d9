package io.cloudimages.ims.function;

import io.cloudimages.ims.image.domain.ImsError;
import io.cloudimages.ims.image.domain.ImsException;
import io.cloudimages.ims.image.domain.json.JsonNull;

import java.util.Map;

/**
 * The event shapes of the three functions (CONTRACT section 7), checked on the strictly parsed request before
 * Funqy binds it: a request of the wrong shape is HTTP 400 IMG.0001, not a result document.
 */
enum FunctionEvents {
    UPDATE_IMAGE("updateImage", true) {
        @Override
        void check(Map<?, ?> event) {
            require(event.get("image_id") instanceof String, "{\"image_id\": \"<uuid>\", \"patch\": [...]}");
            require(event.containsKey("patch"), "{\"image_id\": \"<uuid>\", \"patch\": [...]}");
        }
    },
    APIG("apig", false) {
        @Override
        void check(Map<?, ?> event) {
            String shape = "an APIG trigger event with httpMethod, path, headers, body and isBase64Encoded";
            require(event.get("httpMethod") instanceof String && event.get("path") instanceof String, shape);
            require(isStringMap(event.get("headers")), shape);
            require(isStringMap(event.get("queryStringParameters")), shape);
            require(isStringMap(event.get("pathParameters")), shape);
            require(!event.containsKey("body") || event.get("body") instanceof String
                    || event.get("body") == JsonNull.INSTANCE, shape);
            require(!event.containsKey("isBase64Encoded") || event.get("isBase64Encoded") instanceof Boolean, shape);
        }
    },
    BATCH_UPDATE_IMAGES("batchUpdateImages", true) {
        @Override
        void check(Map<?, ?> event) {
            // The job itself is checked by the function and refused in its result (status 400).
        }
    };

    final String path;
    /** Whether the function's own HTTP request must carry credentials; apig's are in the event. */
    final boolean authenticated;

    FunctionEvents(String name, boolean authenticated) {
        this.path = "/" + name;
        this.authenticated = authenticated;
    }

    abstract void check(Map<?, ?> event);

    static void require(boolean condition, String shape) {
        if (!condition) {
            throw invalid("the event must be " + shape);
        }
    }

    static ImsException invalid(String message) {
        return ImsError.INVALID_REQUEST.exception(message);
    }

    private static boolean isStringMap(Object value) {
        if (value == null || value == JsonNull.INSTANCE) {
            return true;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return false;
        }
        for (Object v : map.values()) {
            if (!(v instanceof String)) {
                return false;
            }
        }
        return true;
    }
}
