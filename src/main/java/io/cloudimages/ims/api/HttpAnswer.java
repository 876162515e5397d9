package io.cloudimages.ims.api;

import java.util.Map;

/**
 * An HTTP answer, for any entry point to send as it must (a Vert.x response, an APIG envelope).
 *
 * @param errorCode the contract's error code of an error answer ({@code IMG.0027}), {@code null} for a success
 */
public record HttpAnswer(int status, Map<String, String> headers, byte[] body, String errorCode) {
    public HttpAnswer {
        headers = Map.copyOf(headers);
    }
}
