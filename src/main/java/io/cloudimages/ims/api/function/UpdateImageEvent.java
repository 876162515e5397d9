package io.cloudimages.ims.api.function;

import io.cloudimages.ims.domain.ImsError;

import java.util.Map;

/**
 * {@code {"image_id": "...", "patch": [...], "if_match": "\"<tag>\""}}: the patch stays the parsed document it
 * arrived as, for the function to check with the same parser rules as a PATCH body; {@code if_match} (optional)
 * is the route's {@code If-Match} (null: none).
 */
public record UpdateImageEvent(String imageId, Object patch, String ifMatch) {

    static UpdateImageEvent read(Map<?, ?> event) {
        if (!(event.get("image_id") instanceof String imageId) || !event.containsKey("patch")) {
            throw ImsError.INVALID_REQUEST.exception("the event must be {\"image_id\": \"<uuid>\", \"patch\": [...]}");
        }
        Object ifMatch = event.get("if_match");
        if (ifMatch != null && !(ifMatch instanceof String)) {
            throw ImsError.INVALID_REQUEST.exception("if_match must be a string: an entity tag, a list of them, or *");
        }
        return new UpdateImageEvent(imageId, event.get("patch"), (String) ifMatch);
    }
}
