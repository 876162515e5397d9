package io.cloudimages.ims.api.function;

import io.cloudimages.ims.domain.ImsError;

import java.util.Map;

/**
 * {@code {"image_id": "...", "patch": [...]}}: the patch stays the parsed document it arrived as, for the
 * function to check with the same parser rules as a PATCH body.
 */
public record UpdateImageEvent(String imageId, Object patch) {

    static UpdateImageEvent read(Map<?, ?> event) {
        if (!(event.get("image_id") instanceof String imageId) || !event.containsKey("patch")) {
            throw ImsError.INVALID_REQUEST.exception("the event must be {\"image_id\": \"<uuid>\", \"patch\": [...]}");
        }
        return new UpdateImageEvent(imageId, event.get("patch"));
    }
}
