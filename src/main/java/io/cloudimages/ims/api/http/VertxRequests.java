package io.cloudimages.ims.api.http;

import io.cloudimages.ims.api.HttpAnswer;
import io.cloudimages.ims.http.HttpRequestData;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Between Vert.x and {@link HttpRequestData} / {@link HttpAnswer}. */
public final class VertxRequests {
    private VertxRequests() {
    }

    /** The request with the body the route's body handler read. */
    public static HttpRequestData of(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Buffer body = ctx.body().buffer();
        return new HttpRequestData(request.method().name(), request.path(), query(request.query()), headers(request),
                body == null ? new byte[0] : body.getBytes());
    }

    public static void send(RoutingContext ctx, HttpAnswer answer) {
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
