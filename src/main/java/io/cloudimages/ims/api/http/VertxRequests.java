package io.cloudimages.ims.api.http;

import io.cloudimages.ims.api.HttpAnswer;
import io.cloudimages.ims.api.RequestIds;
import io.cloudimages.ims.application.Deadline;
import io.cloudimages.ims.observability.Counters;
import io.cloudimages.ims.http.HttpRequestData;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Between Vert.x and {@link HttpRequestData} / {@link HttpAnswer}. */
public final class VertxRequests {
    private VertxRequests() {
    }

    private static final String ARRIVED = "ims.arrived";
    private static final String REQUEST_ID = "ims.request-id";

    /** Sets the request's id from another source (FunctionGraph's X-CFF-Request-Id). */
    public static void useRequestId(RoutingContext ctx, String requestId) {
        ctx.put(REQUEST_ID, requestId);
    }

    /** The request's id, chosen once: the caller's own when well formed, else a fresh one. */
    public static String requestId(RoutingContext ctx) {
        String id = ctx.get(REQUEST_ID);
        if (id == null) {
            id = RequestIds.choose(ctx.request().getHeader(RequestIds.HEADER));
            ctx.put(REQUEST_ID, id);
        }
        return id;
    }

    /** First handler of a route: when the request arrived, before its body is read, for its deadline. */
    public static void recordArrival(RoutingContext ctx) {
        ctx.put(ARRIVED, System.nanoTime());
        ctx.next();
    }

    /** The request's deadline: {@code budget} from its arrival. */
    public static Deadline deadline(RoutingContext ctx, Duration budget) {
        Long arrived = ctx.get(ARRIVED);
        return Deadline.startingAt(arrived == null ? System.nanoTime() : arrived, budget);
    }

    /** The request with the body the route's body handler read. */
    public static HttpRequestData of(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Buffer body = ctx.body().buffer();
        Set<String> repeated = new HashSet<>();
        Map<String, String> headers = headers(request, repeated);
        return new HttpRequestData(request.method().name(), request.path(), query(request.query()), headers,
                body == null ? new byte[0] : body.getBytes(), repeated);
    }

    /** Sends the answer and counts it, by entry point, status and error code. */
    public static void send(RoutingContext ctx, String entry, HttpAnswer answer) {
        Counters.answer(entry, answer.status(), answer.errorCode());
        send(ctx, answer);
    }

    private static void send(RoutingContext ctx, HttpAnswer answer) {
        HttpServerResponse response = ctx.response().setStatusCode(answer.status());
        answer.headers().forEach(response::putHeader);
        response.end(Buffer.buffer(answer.body()));
    }

    /** Headers by lower-case name; over HTTP/2 the host is the :authority pseudo-header, signed as "host". */
    static Map<String, String> headers(HttpServerRequest request, Set<String> repeated) {
        Map<String, String> byName = new HashMap<>();
        request.headers().forEach(h -> {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (byName.putIfAbsent(name, h.getValue()) != null) {
                repeated.add(name);
            }
        });
        if (!byName.containsKey("host") && request.authority() != null) {
            byName.put("host", request.authority().toString());
        }
        return byName;
    }

    /** Raw query parameters in order, still percent-encoded, as the AK/SK canonical request needs them. */
    public static List<Map.Entry<String, String>> query(String rawQuery) {
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
