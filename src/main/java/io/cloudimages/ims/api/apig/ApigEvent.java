package io.cloudimages.ims.api.apig;

import io.cloudimages.ims.domain.ImsError;
import io.cloudimages.ims.domain.json.JsonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A FunctionGraph API-gateway trigger event, read from its parsed JSON: the HTTP request it describes.
 * Members other than these (pathParameters, requestContext, ...) are accepted and not used: the path itself
 * names the image.
 *
 * @param headers header values by name as sent (names are matched case-insensitively later)
 * @param body    the body text, base64 when {@code isBase64Encoded}; {@code null} when absent
 */
public record ApigEvent(String httpMethod, String path, Map<String, String> queryStringParameters,
                        Map<String, String> headers, String body, boolean isBase64Encoded) {

    private static final String SHAPE =
            "an APIG trigger event with httpMethod, path, headers, body and isBase64Encoded";

    /** Reads the event or refuses it with 400 IMG.0001: a document that is not an event is a bad request. */
    public static ApigEvent read(Map<?, ?> event) {
        require(event.get("httpMethod") instanceof String && event.get("path") instanceof String);
        require(isStringMap(event.get("pathParameters")));
        Object body = event.get("body");
        require(body == null || body instanceof String || body == JsonNull.INSTANCE);
        Object base64 = event.get("isBase64Encoded");
        require(base64 == null || base64 instanceof Boolean);
        return new ApigEvent((String) event.get("httpMethod"), (String) event.get("path"),
                stringMap(event.get("queryStringParameters")), stringMap(event.get("headers")),
                body instanceof String text ? text : null, Boolean.TRUE.equals(base64));
    }

    private static Map<String, String> stringMap(Object value) {
        require(isStringMap(value));
        Map<String, String> map = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> members) {
            members.forEach((name, v) -> map.put((String) name, (String) v));
        }
        return map;
    }

    private static boolean isStringMap(Object value) {
        if (value == null || value == JsonNull.INSTANCE) {
            return true;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return false;
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            // A line break in a header would let an event smuggle a header the gateway never saw.
            if (!(entry.getValue() instanceof String text) || hasLineBreak(text) || hasLineBreak((String) entry.getKey())) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasLineBreak(String text) {
        return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
    }

    private static void require(boolean condition) {
        if (!condition) {
            throw ImsError.INVALID_REQUEST.exception("the event must be " + SHAPE);
        }
    }
}
