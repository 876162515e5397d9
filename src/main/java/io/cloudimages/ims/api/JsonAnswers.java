package io.cloudimages.ims.api;

import io.cloudimages.ims.api.representation.ImageRepresentation;
import io.cloudimages.ims.domain.Image;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudimages.ims.api.representation.ErrorRepresentation;
import io.cloudimages.ims.domain.ImsError;
import io.cloudimages.ims.domain.ImsException;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds every JSON answer of every entry point: the document, {@code Content-Type}, {@code X-Request-Id}, and
 * the headers some answers need ({@code Accept-Patch}, {@code Retry-After}, {@code Allow}).
 */
@ApplicationScoped
public class JsonAnswers {
    private static final byte[] INTERNAL_ERROR =
            "{\"error\":{\"code\":\"IMG.0500\",\"message\":\"an internal error occurred\"}}".getBytes(StandardCharsets.UTF_8);

    private final ObjectMapper json;

    JsonAnswers(ObjectMapper json) {
        this.json = json;
    }

    public HttpAnswer ok(String requestId, Object document) {
        return answer(200, null, requestId, document, Map.of());
    }

    /** 200 with an image and its entity tag ({@code ETag}, docs/behaviour.md §9). */
    public HttpAnswer image(String requestId, Image image) {
        return answer(200, null, requestId, ImageRepresentation.of(image), Map.of("ETag", image.etag()));
    }

    /** The contract's error answer, with the headers some statuses need. */
    public HttpAnswer error(ImsException e, String requestId) {
        Map<String, String> extra = switch (e.error()) {
            case UNSUPPORTED_MEDIA_TYPE -> Map.of("Accept-Patch", PatchContentType.ACCEPT_PATCH);
            case DATABASE_UNAVAILABLE -> Map.of("Retry-After", "1");
            default -> Map.of();
        };
        return answer(e.error().status(), e.error().code(), requestId, ErrorRepresentation.of(e), extra);
    }

    /** 500 IMG.0500: what every entry point answers for a failure it did not expect (logged by the caller). */
    public HttpAnswer internalError(String requestId) {
        return error(ImsError.INTERNAL.exception("an internal error occurred"), requestId);
    }

    /** 404 IMG.0404 for a path that no route or function serves. */
    public HttpAnswer noSuchResource(String requestId) {
        return error(ImsError.RESOURCE_NOT_FOUND.exception("no such resource"), requestId);
    }

    /** 405 IMG.0405 with the {@code Allow} header naming the one method the resource takes. */
    public HttpAnswer methodNotAllowed(String allowed, String message, String requestId) {
        return answer(405, ImsError.METHOD_NOT_ALLOWED.code(), requestId,
                ErrorRepresentation.of(ImsError.METHOD_NOT_ALLOWED.exception(message)), Map.of("Allow", allowed));
    }

    public byte[] bytes(Object document) {
        try {
            return json.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            // Only maps and lists of strings, numbers and booleans are written; this cannot happen, and must not leak.
            return INTERNAL_ERROR;
        }
    }

    private HttpAnswer answer(int status, String code, String requestId, Object document,
                              Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put(RequestIds.HEADER, requestId);
        headers.putAll(extraHeaders);
        return new HttpAnswer(status, headers, bytes(document), code);
    }
}
