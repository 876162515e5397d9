package io.cloudimages.ims.function;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code {"image_id": "...", "patch": [...]}}. */
public class UpdateImageEvent {
    public String image_id;
    public JsonNode patch;
}
