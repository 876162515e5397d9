package io.cloudimages.ims.image.http;

import io.cloudimages.ims.http.HttpAnswer;
import io.cloudimages.ims.http.HttpRequestData;
import io.cloudimages.ims.http.RequestIds;
import io.cloudimages.ims.image.domain.ImsError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The wire adapter for {@code PATCH /v2/cloudimages/{image_id}}: Funqy serves only GET and POST, so the real
 * call is a Vert.x route. It reads the body (up to the server's hard limit), moves off the event loop, and
 * hands the request to {@link PatchImageEndpoint}.
 */
@ApplicationScoped
public class PatchImageRoute {
    public static final String PATH = "/v2/cloudimages/:image_id";
    /** Past this the server itself answers a bare 413 (CONTRACT 4.3); below it the function answers IMG.0413. */
    static final long HARD_BODY_LIMIT = 1024 * 1024;

    private final PatchImageEndpoint endpoint;

    PatchImageRoute(PatchImageEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    void init(@Observes Router router) {
        router.route(HttpMethod.PATCH, PATH)
                .handler(BodyHandler.create(false).setBodyLimit(HARD_BODY_LIMIT))
                .blockingHandler(this::patch, false);
        router.route(PATH).handler(this::methodNotAllowed);
    }

    private void patch(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        HttpRequestData request = new HttpRequestData("PATCH", ctx.request().path(), query(ctx.request().query()),
                headers(ctx.request()), body == null ? new byte[0] : body.getBytes());
        send(ctx, endpoint.handle(request, ctx.pathParam("image_id")));
    }

    private void methodNotAllowed(RoutingContext ctx) {
        String requestId = RequestIds.choose(ctx.request().getHeader(RequestIds.HEADER));
        HttpAnswer answer = endpoint.error(ImsError.METHOD_NOT_ALLOWED.exception(
                "this resource supports PATCH only"), requestId);
        ctx.response().putHeader("Allow", "PATCH");
        send(ctx, answer);
    }

    static void send(RoutingContext ctx, HttpAnswer answer) {
        HttpServerResponse response = ctx.response().setStatusCode(answer.status());
        answer.headers().forEach(response::putHeader);
        response.end(Buffer.buffer(answer.body()));
    }

    /** Headers by lower-case name; over HTTP/2 the host is the :authority pseudo-header, signed as "host". */
    static Map<String, String> headers(HttpServerRequest request) {
        Map<String, String> byName = new HashMap<>();
        request.headers().forEach(h -> byName.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        if (!byName.containsKey("host") && request.authority() != null) {
            byName.put("host", request.authority().toString());
        }
        return byName;
    }

    /** Raw query parameters in order, still percent-encoded, as the AK/SK canonical request needs them. */
    static List<Map.Entry<String, String>> query(String rawQuery) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            parameters.add(eq < 0 ? new AbstractMap.SimpleImmutableEntry<>(pair, "")
                    : new AbstractMap.SimpleImmutableEntry<>(pair.substring(0, eq), pair.substring(eq + 1)));
        }
        return parameters;
    }
}
