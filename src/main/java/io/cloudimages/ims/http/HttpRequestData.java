package io.cloudimages.ims.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An HTTP request as every entry point sees it, whether it came over the wire (the Vert.x route, a Funqy
 * function's own request) or is described by an API-gateway event: the same authentication and rules apply.
 *
 * @param method   upper-case method
 * @param path     the raw (still percent-encoded) path, without query
 * @param query    the raw query parameters in order received, still percent-encoded
 * @param headers  header values by lower-case name (the first value of each)
 * @param body     the body bytes as received (de-chunked)
 * @param repeated lower-case names of the headers sent more than once
 */
public record HttpRequestData(String method, String path, List<Map.Entry<String, String>> query,
                              Map<String, String> headers, byte[] body, Set<String> repeated) {

    public HttpRequestData {
        query = List.copyOf(query);
        headers = Map.copyOf(headers);
        repeated = Set.copyOf(repeated);
    }

    public HttpRequestData(String method, String path, List<Map.Entry<String, String>> query,
                           Map<String, String> headers, byte[] body) {
        this(method, path, query, headers, body, Set.of());
    }

    /** The header's value, or {@code null}; the name is matched case-insensitively. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public boolean isRepeated(String name) {
        return repeated.contains(name.toLowerCase(Locale.ROOT));
    }
}
