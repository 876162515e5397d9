package io.cloudimages.ims.api.function;

import io.cloudimages.ims.api.apig.ApigAdapter;
import io.cloudimages.ims.api.apig.ApigEvent;
import io.cloudimages.ims.api.representation.BatchReportRepresentation;
import io.cloudimages.ims.api.representation.ErrorRepresentation;
import io.cloudimages.ims.api.representation.ImageRepresentation;
import io.cloudimages.ims.api.RequestLog;
import io.cloudimages.ims.application.BatchUpdateService;
import io.cloudimages.ims.application.ChangeOrigin;
import io.cloudimages.ims.application.ImageUpdateService;
import io.cloudimages.ims.domain.ImageId;
import io.cloudimages.ims.domain.ImsError;
import io.cloudimages.ims.domain.ImsException;
import io.cloudimages.ims.domain.access.Caller;
import io.cloudimages.ims.domain.batch.BatchJobParser;
import io.cloudimages.ims.domain.patch.PatchParser;
import io.cloudimages.ims.observability.Counters;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Funqy functions: each takes its event (read by {@link FunctionHttpBinding}) and the caller it
 * authenticated, calls one service, and returns its result document. They never throw: every outcome, a
 * refusal included, is a result document with the status the HTTP route would give.
 */
@ApplicationScoped
public class ImageFunctions {
    private static final Logger LOG = Logger.getLogger(ImageFunctions.class);

    private final ImageUpdateService images;
    private final BatchUpdateService batches;
    private final ApigAdapter apig;

    ImageFunctions(ImageUpdateService images, BatchUpdateService batches, ApigAdapter apig) {
        this.images = images;
        this.batches = batches;
        this.apig = apig;
    }

    /** {@code {"status": 200, "image"}} or {@code {"status", "error"}}, checked in the route's order. */
    @Funq
    public Map<String, Object> updateImage(UpdateImageEvent event, @Context Caller caller) {
        return resultOf(() -> {
            PatchParser.checkEmbeddedSize(event.patch());
            String imageId = ImageId.parse(event.imageId());
            var outcome = images.update(caller, imageId,
                    new ImageUpdateService.Patch(PatchParser.fromDocument(event.patch()), false, event.ifMatch()),
                    ChangeOrigin.request("updateImage", RequestLog.currentId()));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("status", 200);
            result.put("image", ImageRepresentation.of(outcome.image()));
            result.put("etag", outcome.image().etag());
            return result;
        });
    }

    /** The APIG envelope for the PATCH call the event describes; its credentials are the described request's. */
    @Funq
    public Map<String, Object> apig(ApigEvent event) {
        return apig.answer(event);
    }

    /** The batch answer; a bad job is {@code {"status": 400}} and changes nothing. */
    @Funq
    public Map<String, Object> batchUpdateImages(BatchJobEvent event, @Context Caller caller) {
        return resultOf(() -> {
            BatchUpdateService.BatchReport report = batches.run(caller, BatchJobParser.parse(event.document()),
                    ChangeOrigin.request("batchUpdateImages", RequestLog.currentId()));
            Counters.batchImages("function", report.changed(), report.unchanged(), report.failedCount());
            return BatchReportRepresentation.of(report);
        });
    }

    private static Map<String, Object> resultOf(Supplier<Map<String, Object>> work) {
        try {
            return work.get();
        } catch (ImsException e) {
            return ErrorRepresentation.result(e);
        } catch (RuntimeException e) {
            LOG.errorf("unexpected failure in a function: %s", e.getClass().getSimpleName());
            return ErrorRepresentation.result(ImsError.INTERNAL.exception("an internal error occurred"));
        }
    }
}
