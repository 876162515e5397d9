package io.cloudimages.ims.image.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudimages.ims.auth.Authenticator;
import io.cloudimages.ims.http.HttpAnswer;
import io.cloudimages.ims.http.HttpRequestData;
import io.cloudimages.ims.http.PatchContentType;
import io.cloudimages.ims.http.RequestIds;
import io.cloudimages.ims.image.domain.ImageId;
import io.cloudimages.ims.image.domain.ImsError;
import io.cloudimages.ims.image.domain.ImsException;
import io.cloudimages.ims.image.domain.access.Caller;
import io.cloudimages.ims.image.domain.patch.PatchOperation;
import io.cloudimages.ims.image.domain.patch.PatchParser;
import io.cloudimages.ims.image.mapping.ErrorRepresentation;
import io.cloudimages.ims.image.mapping.ImageRepresentation;
import io.cloudimages.ims.image.service.ImageUpdateService;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code PATCH /v2/cloudimages/{image_id}} as HTTP semantics, independent of how the request arrived: the
 * checks of CONTRACT section 3 in order, then the service, then the answer. The Vert.x route and the APIG
 * function both call this, so their answers are the same bytes.
 */
@ApplicationScoped
public class PatchImageEndpoint {
    /** CONTRACT 1.1: the function itself checks this, so that the answer carries the error body. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Logger LOG = Logger.getLogger(PatchImageEndpoint.class);

    private final Authenticator authenticator;
    private final ImageUpdateService service;
    private final ObjectMapper json;

    PatchImageEndpoint(Authenticator authenticator, ImageUpdateService service, ObjectMapper json) {
        this.authenticator = authenticator;
        this.service = service;
        this.json = json;
    }

    public HttpAnswer handle(HttpRequestData request, String rawImageId) {
        String requestId = RequestIds.choose(request.header(RequestIds.HEADER));
        try {
            if (request.body().length > MAX_BODY_BYTES) {
                throw ImsError.BODY_TOO_LARGE.exception("the request body exceeds " + MAX_BODY_BYTES + " bytes");
            }
            Caller caller = authenticator.authenticate(request);
            if (!PatchContentType.isAccepted(request.header("Content-Type"))) {
                throw ImsError.UNSUPPORTED_MEDIA_TYPE.exception("the body must be sent as application/json or "
                        + "application/openstack-images-v2.1-json-patch, in UTF-8");
            }
            String imageId = ImageId.parse(rawImageId);
            List<PatchOperation> patch = PatchParser.parse(request.body());
            var outcome = service.update(caller, imageId, patch);
            return answer(200, requestId, ImageRepresentation.of(outcome.image()), Map.of());
        } catch (ImsException e) {
            return error(e, requestId);
        } catch (RuntimeException e) {
            LOG.errorf("unexpected failure handling request %s: %s", requestId, e.getClass().getSimpleName());
            return error(ImsError.INTERNAL.exception("an internal error occurred"), requestId);
        }
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

    private HttpAnswer answer(int status, String requestId, Object document, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put(RequestIds.HEADER, requestId);
        headers.putAll(extraHeaders);
        try {
            return new HttpAnswer(status, headers, json.writeValueAsBytes(document));
        } catch (JsonProcessingException e) {
            // Only maps of strings, numbers and booleans are written; this cannot happen, but must not leak.
            return new HttpAnswer(500, headers,
                    "{\"error\":{\"code\":\"IMG.0500\",\"message\":\"an internal error occurred\"}}".getBytes());
        }
    }
}
