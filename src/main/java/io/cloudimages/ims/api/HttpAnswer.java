package io.cloudimages.ims.api;

import java.util.Map;

/** An HTTP answer, for any entry point to send as it must (a Vert.x response, an APIG envelope). */
public record HttpAnswer(int status, Map<String, String> headers, byte[] body) {
    public HttpAnswer {
        headers = Map.copyOf(headers);
    }
}
