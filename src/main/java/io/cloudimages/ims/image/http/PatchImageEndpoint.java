package io.cloudimages.ims.image.http;

import io.cloudimages.ims.auth.Authenticator;
import io.cloudimages.ims.http.HttpAnswer;
import io.cloudimages.ims.http.HttpRequestData;
import io.cloudimages.ims.http.JsonAnswers;
import io.cloudimages.ims.http.PatchContentType;
import io.cloudimages.ims.http.RequestIds;
import io.cloudimages.ims.image.domain.ImageId;
import io.cloudimages.ims.image.domain.ImsError;
import io.cloudimages.ims.image.domain.ImsException;
import io.cloudimages.ims.image.domain.access.Caller;
import io.cloudimages.ims.image.domain.patch.PatchOperation;
import io.cloudimages.ims.image.domain.patch.PatchParser;
import io.cloudimages.ims.image.mapping.ImageRepresentation;
import io.cloudimages.ims.image.service.ImageUpdateService;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

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
    private final JsonAnswers answers;

    PatchImageEndpoint(Authenticator authenticator, ImageUpdateService service, JsonAnswers answers) {
        this.authenticator = authenticator;
        this.service = service;
        this.answers = answers;
    }

    /** 413 IMG.0413 for a patch past 64 KiB, however it arrived (a body, or a patch inside an event). */
    public static void checkSize(byte[] patch) {
        if (patch.length > MAX_BODY_BYTES) {
            throw ImsError.BODY_TOO_LARGE.exception("the patch exceeds " + MAX_BODY_BYTES + " bytes");
        }
    }

    /** 405 IMG.0405: the resource is changed with PATCH only (the route and the APIG function say the same). */
    public static ImsException onlyPatch() {
        return ImsError.METHOD_NOT_ALLOWED.exception("this resource supports PATCH only");
    }

    public HttpAnswer handle(HttpRequestData request, String rawImageId) {
        String requestId = RequestIds.choose(request.header(RequestIds.HEADER));
        try {
            checkSize(request.body());
            Caller caller = authenticator.authenticate(request);
            if (!PatchContentType.isAccepted(request.header("Content-Type"))) {
                throw ImsError.UNSUPPORTED_MEDIA_TYPE.exception("the body must be sent as application/json or "
                        + "application/openstack-images-v2.1-json-patch, in UTF-8");
            }
            String imageId = ImageId.parse(rawImageId);
            List<PatchOperation> patch = PatchParser.parse(request.body());
            var outcome = service.update(caller, imageId, patch);
            return answers.ok(requestId, ImageRepresentation.of(outcome.image()));
        } catch (ImsException e) {
            return answers.error(e, requestId);
        } catch (RuntimeException e) {
            LOG.errorf("unexpected failure handling request %s: %s", requestId, e.getClass().getSimpleName());
            return answers.error(ImsError.INTERNAL.exception("an internal error occurred"), requestId);
        }
    }
}
