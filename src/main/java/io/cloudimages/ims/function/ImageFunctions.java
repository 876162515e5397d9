package io.cloudimages.ims.function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudimages.ims.auth.Unauthenticated;
import io.cloudimages.ims.http.ContractErrorRoutes;
import io.cloudimages.ims.http.HttpAnswer;
import io.cloudimages.ims.http.HttpRequestData;
import io.cloudimages.ims.http.JsonAnswers;
import io.cloudimages.ims.http.RequestIds;
import io.cloudimages.ims.image.domain.ImageId;
import io.cloudimages.ims.image.domain.ImsError;
import io.cloudimages.ims.image.domain.ImsException;
import io.cloudimages.ims.image.domain.access.Caller;
import io.cloudimages.ims.image.domain.batch.BatchJobParser;
import io.cloudimages.ims.image.domain.json.JsonSyntaxException;
import io.cloudimages.ims.image.domain.json.StrictJsonParser;
import io.cloudimages.ims.image.domain.patch.PatchParser;
import io.cloudimages.ims.image.http.PatchImageEndpoint;
import io.cloudimages.ims.image.mapping.ErrorRepresentation;
import io.cloudimages.ims.image.mapping.ImageRepresentation;
import io.cloudimages.ims.image.service.BatchUpdateService;
import io.cloudimages.ims.image.service.ImageUpdateService;
import io.quarkus.funqy.Funq;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Funqy functions: each translates its event into a call of the same services the HTTP route uses and
 * shapes the result document. No rule lives here. They never throw: every outcome is a result document.
 */
@ApplicationScoped
public class ImageFunctions {
    private static final Logger LOG = Logger.getLogger(ImageFunctions.class);
    private static final Pattern IMAGE_PATH = Pattern.compile("/v2/cloudimages/([^/]+)");

    private final ImageUpdateService images;
    private final BatchUpdateService batches;
    private final PatchImageEndpoint patchEndpoint;
    private final JsonAnswers answers;
    private final CurrentVertxRequest currentRequest;
    private final ObjectMapper json;

    ImageFunctions(ImageUpdateService images, BatchUpdateService batches, PatchImageEndpoint patchEndpoint,
                   JsonAnswers answers, CurrentVertxRequest currentRequest, ObjectMapper json) {
        this.images = images;
        this.batches = batches;
        this.patchEndpoint = patchEndpoint;
        this.answers = answers;
        this.currentRequest = currentRequest;
        this.json = json;
    }

    /** {@code {"image_id", "patch"}} in; {@code {"status", "image"}} or {@code {"status", "error"}} out. */
    @Funq
    public Map<String, Object> updateImage(UpdateImageEvent event) {
        try {
            Caller caller = caller();
            byte[] patch = json.writeValueAsBytes(event.patch);
            PatchImageEndpoint.checkSize(patch);
            String imageId = ImageId.parse(event.image_id);
            var outcome = images.update(caller, imageId, PatchParser.parse(patch));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("status", 200);
            result.put("image", ImageRepresentation.of(outcome.image()));
            return result;
        } catch (RuntimeException | JsonProcessingException e) {
            return failure(e);
        }
    }

    /**
     * A FunctionGraph APIG trigger event carrying the PATCH call; the APIG envelope out, whose status and body
     * are exactly those of the HTTP route for the same request (the same endpoint answers both).
     */
    @Funq
    public Map<String, Object> apig(ApigEvent event) {
        HttpAnswer answer;
        try {
            answer = answerDescribedRequest(event);
        } catch (RuntimeException e) {
            LOG.errorf("unexpected failure in apig: %s", e.getClass().getSimpleName());
            answer = answers.error(ImsError.INTERNAL.exception("an internal error occurred"), RequestIds.choose(null));
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("statusCode", answer.status());
        envelope.put("headers", answer.headers());
        envelope.put("body", new String(answer.body(), StandardCharsets.UTF_8));
        envelope.put("isBase64Encoded", false);
        return envelope;
    }

    private HttpAnswer answerDescribedRequest(ApigEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (event.headers != null) {
            event.headers.forEach((name, value) -> headers.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
        }
        String requestId = RequestIds.choose(headers.get(RequestIds.HEADER.toLowerCase(Locale.ROOT)));
        String text = event.body == null ? "" : event.body;
        byte[] body;
        try {
            body = event.isBase64Encoded ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return answers.error(ImsError.INVALID_REQUEST.exception("the event body is not valid base64"), requestId);
        }
        Matcher route = IMAGE_PATH.matcher(event.path);
        if (!route.matches()) {
            return answers.error(ContractErrorRoutes.noSuchResource(), requestId);
        }
        if (!"PATCH".equalsIgnoreCase(event.httpMethod)) {
            return answers.error(PatchImageEndpoint.onlyPatch(), requestId);
        }
        List<Map.Entry<String, String>> query = new ArrayList<>();
        if (event.queryStringParameters != null) {
            event.queryStringParameters.forEach((k, v) -> query.add(new AbstractMap.SimpleImmutableEntry<>(k, v)));
        }
        return patchEndpoint.handle(new HttpRequestData("PATCH", event.path, query, headers, body), route.group(1));
    }

    /** A batch job, or a FunctionGraph timer event whose {@code user_event} holds one. */
    @Funq
    public Map<String, Object> batchUpdateImages(JsonNode event) {
        try {
            Caller caller = caller();
            Object document;
            try {
                document = StrictJsonParser.parse(json.writeValueAsBytes(event));
            } catch (JsonSyntaxException e) {
                throw ImsError.INVALID_REQUEST.exception("invalid batch job: " + e.getMessage());
            }
            BatchUpdateService.BatchReport report = batches.run(caller, BatchJobParser.parse(document));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("status", report.stoppedBy().map(e -> e.error().status()).orElse(200));
            report.stoppedBy().ifPresent(e -> result.put("error", ErrorRepresentation.detail(e)));
            result.put("dry_run", report.dryRun());
            result.put("matched", report.matched());
            result.put("changed", report.changed());
            result.put("unchanged", report.unchanged());
            result.put("failed_count", report.failedCount());
            List<Map<String, Object>> failed = new ArrayList<>();
            for (BatchUpdateService.Failure failure : report.failures()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("image_id", failure.imageId());
                item.put("error", ErrorRepresentation.detail(failure.error()));
                failed.add(item);
            }
            result.put("failed", failed);
            result.put("truncated", report.truncated());
            return result;
        } catch (RuntimeException | JsonProcessingException e) {
            return failure(e);
        }
    }

    /** The caller the HTTP binding authenticated; none means the function was reached some other way. */
    private Caller caller() {
        RoutingContext ctx = currentRequest.getCurrent();
        FunctionCall call = ctx == null ? null : ctx.get(FunctionCall.KEY);
        if (call == null || call.caller() == null) {
            throw Unauthenticated.because("the function was invoked without credentials");
        }
        return call.caller();
    }

    private static Map<String, Object> failure(Exception e) {
        ImsException error;
        if (e instanceof ImsException ims) {
            error = ims;
        } else {
            LOG.errorf("unexpected failure in a function: %s", e.getClass().getSimpleName());
            error = ImsError.INTERNAL.exception("an internal error occurred");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", error.error().status());
        result.put("error", ErrorRepresentation.detail(error));
        return result;
    }
}
