package io.cloudimages.ims.image.mapping;

import io.cloudimages.ims.image.domain.ImsException;

import java.util.LinkedHashMap;
import java.util.Map;

/** The contract's error shape: {@code {"error": {"code": ..., "message": ...}}}. */
public final class ErrorRepresentation {
    private ErrorRepresentation() {
    }

    /** The inner {@code {"code", "message"}} object, as the batch and function results embed it. */
    public static Map<String, Object> detail(ImsException e) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("code", e.error().code());
        detail.put("message", e.getMessage());
        return detail;
    }

    public static Map<String, Object> of(ImsException e) {
        return Map.of("error", detail(e));
    }
}
