package io.cloudimages.ims.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudimages.ims.image.domain.ImsException;
import io.cloudimages.ims.image.mapping.ErrorRepresentation;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds every JSON answer: the document, {@code Content-Type}, {@code X-Request-Id}, and per-error headers. */
@ApplicationScoped
public class JsonAnswers {
    private static final byte[] INTERNAL_ERROR =
            "{\"error\":{\"code\":\"IMG.0500\",\"message\":\"an internal error occurred\"}}".getBytes(StandardCharsets.UTF_8);

    private final ObjectMapper json;

    JsonAnswers(ObjectMapper json) {
        this.json = json;
    }

    public HttpAnswer ok(String requestId, Object document) {
        return answer(200, requestId, document, Map.of());
    }

    /** The contract's error answer, with the headers some statuses need. */
    public HttpAnswer error(ImsException e, String requestId) {
        Map<String, String> extra = switch (e.error()) {
            case UNSUPPORTED_MEDIA_TYPE -> Map.of("Accept-Patch", PatchContentType.ACCEPT_PATCH);
            case DATABASE_UNAVAILABLE -> Map.of("Retry-After", "1");
            default -> Map.of();
        };
        return answer(e.error().status(), requestId, ErrorRepresentation.of(e), extra);
    }

    public byte[] bytes(Object document) {
        try {
            return json.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            // Only maps and lists of strings, numbers and booleans are written; this cannot happen, and must not leak.
            return INTERNAL_ERROR;
        }
    }

    private HttpAnswer answer(int status, String requestId, Object document, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put(RequestIds.HEADER, requestId);
        headers.putAll(extraHeaders);
        return new HttpAnswer(status, headers, bytes(document));
    }
}
