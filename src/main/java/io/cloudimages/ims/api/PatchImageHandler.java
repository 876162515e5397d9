package io.cloudimages.ims.api;

import io.cloudimages.ims.application.ChangeOrigin;
import io.cloudimages.ims.application.ImageUpdateService;
import io.cloudimages.ims.auth.Authenticator;
import io.cloudimages.ims.domain.ImageId;
import io.cloudimages.ims.domain.ImsError;
import io.cloudimages.ims.domain.ImsException;
import io.cloudimages.ims.domain.access.Caller;
import io.cloudimages.ims.domain.patch.PatchOperation;
import io.cloudimages.ims.domain.patch.PatchParser;
import io.cloudimages.ims.http.HttpRequestData;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * {@code PATCH /v2/cloudimages/{image_id}} as HTTP semantics, independent of how the request arrived: the
 * checks in the order of docs/behaviour.md ("Who may change what"), then the service, then the answer. The
 * Vert.x route and the APIG adapter both call this, so their answers are the same bytes.
 */
@ApplicationScoped
public class PatchImageHandler {
    private static final Logger LOG = Logger.getLogger(PatchImageHandler.class);
    private static final String IF_MATCH = "If-Match";

    private final Authenticator authenticator;
    private final ImageUpdateService service;
    private final JsonAnswers answers;

    PatchImageHandler(Authenticator authenticator, ImageUpdateService service, JsonAnswers answers) {
        this.authenticator = authenticator;
        this.service = service;
        this.answers = answers;
    }

    /**
     * @param requestId  the request's id, chosen once by the entry point (its log lines carry it too)
     * @param entryPoint the entry point's name, as the change history records it
     */
    public HttpAnswer handle(HttpRequestData request, String rawImageId, String requestId, String entryPoint) {
        try {
            // 413 before authentication: the whole body is needed to verify a signature.
            PatchParser.checkSize(request.body().length);
            Caller caller = authenticator.authenticate(request);
            if (request.isRepeated("Content-Type") || !PatchContentType.isAccepted(request.header("Content-Type"))) {
                throw ImsError.UNSUPPORTED_MEDIA_TYPE.exception("the body must be sent as application/json or "
                        + "application/openstack-images-v2.1-json-patch, in UTF-8");
            }
            String imageId = ImageId.parse(rawImageId);
            List<PatchOperation> patch = PatchParser.parse(request.body());
            var outcome = service.update(caller, imageId,
                    new ImageUpdateService.Patch(patch, false, ifMatch(request)),
                    ChangeOrigin.request(entryPoint, requestId));
            return answers.image(requestId, outcome.image());
        } catch (ImsException e) {
            return answers.error(e, requestId);
        } catch (RuntimeException e) {
            LOG.errorf("unexpected failure handling request %s: %s", requestId, e.getClass().getSimpleName());
            return answers.internalError(requestId);
        }
    }

    /** {@code If-Match} (null: none). Sent more than once it is refused: a list of tags goes in one header. */
    private static String ifMatch(HttpRequestData request) {
        if (request.isRepeated(IF_MATCH)) {
            throw ImsError.INVALID_REQUEST.exception("If-Match was sent more than once; send one list of tags");
        }
        return request.header(IF_MATCH);
    }

    /** 405 for any other method on the resource, with {@code Allow: PATCH}. */
    public HttpAnswer methodNotAllowed(String requestId) {
        return answers.methodNotAllowed(ImageResource.METHOD, "this resource supports PATCH only", requestId);
    }
}
