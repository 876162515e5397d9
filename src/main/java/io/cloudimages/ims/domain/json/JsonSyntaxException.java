package io.cloudimages.ims.domain.json;

/** The input is not the strict JSON this function accepts; the message says why and where, never echoing input. */
public final class JsonSyntaxException extends RuntimeException {
    public JsonSyntaxException(String message) {
        super(message, null, false, false);
    }
}
