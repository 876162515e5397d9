package io.cloudimages.ims.api.apig;

import io.cloudimages.ims.api.HttpAnswer;
import io.cloudimages.ims.api.ImageResource;
import io.cloudimages.ims.api.JsonAnswers;
import io.cloudimages.ims.api.PatchImageHandler;
import io.cloudimages.ims.api.RequestIds;
import io.cloudimages.ims.api.RequestLog;
import io.cloudimages.ims.domain.ImsError;
import io.cloudimages.ims.observability.Counters;
import io.cloudimages.ims.http.HttpRequestData;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers the PATCH call an API-gateway event describes, in the APIG envelope: the described request goes
 * through {@link PatchImageHandler} like one over the wire, credentials included, so status and body are
 * exactly the route's.
 */
@ApplicationScoped
public class ApigAdapter {
    private static final Logger LOG = Logger.getLogger(ApigAdapter.class);

    private final PatchImageHandler handler;
    private final JsonAnswers answers;

    ApigAdapter(PatchImageHandler handler, JsonAnswers answers) {
        this.handler = handler;
        this.answers = answers;
    }

    /** {@code {"statusCode", "headers", "body", "isBase64Encoded": false}}. */
    public Map<String, Object> answer(ApigEvent event) {
        HttpAnswer answer;
        try {
            answer = answerDescribedRequest(event);
        } catch (RuntimeException e) {
            LOG.errorf("unexpected failure answering an APIG event: %s", e.getClass().getSimpleName());
            answer = answers.internalError(RequestIds.choose(null));
        }
        Counters.answer("apig", answer.status(), answer.errorCode());
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("statusCode", answer.status());
        envelope.put("headers", answer.headers());
        envelope.put("body", new String(answer.body(), StandardCharsets.UTF_8));
        envelope.put("isBase64Encoded", false);
        return envelope;
    }

    private HttpAnswer answerDescribedRequest(ApigEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        Set<String> repeated = new HashSet<>();
        event.headers().forEach((name, value) -> {
            if (headers.putIfAbsent(name.toLowerCase(Locale.ROOT), value) != null) {
                repeated.add(name.toLowerCase(Locale.ROOT));
            }
        });
        String requestId = RequestIds.choose(headers.get(RequestIds.HEADER.toLowerCase(Locale.ROOT)));
        String text = event.body() == null ? "" : event.body();
        byte[] body;
        try {
            body = event.isBase64Encoded() ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return answers.error(ImsError.INVALID_REQUEST.exception("the event body is not valid base64"), requestId);
        }
        Optional<String> rawImageId = ImageResource.rawImageId(event.path());
        if (rawImageId.isEmpty()) {
            return answers.noSuchResource(requestId);
        }
        if (!ImageResource.METHOD.equalsIgnoreCase(event.httpMethod())) {
            return handler.methodNotAllowed(requestId);
        }
        List<Map.Entry<String, String>> query = new ArrayList<>();
        event.queryStringParameters().forEach((k, v) -> query.add(new AbstractMap.SimpleImmutableEntry<>(k, v)));
        HttpRequestData described = new HttpRequestData(ImageResource.METHOD, event.path(), query, headers, body,
                repeated);
        // The described request's id, in its answer and in the log lines written for it.
        return RequestLog.run(requestId, () -> handler.handle(described, rawImageId.get(), requestId, "apig"));
    }
}
