package io.cloudimages.ims.api.representation;

import io.cloudimages.ims.domain.ImsException;

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

    /** A function's result for a refusal: {@code {"status": 4xx/5xx, "error": {"code", "message"}}}. */
    public static Map<String, Object> result(ImsException e) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", e.error().status());
        result.put("error", detail(e));
        return result;
    }
}
