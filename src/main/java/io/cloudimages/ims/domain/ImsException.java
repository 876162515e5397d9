package io.cloudimages.ims.domain;

/**
 * A refusal with the contract's status, code and a deterministic message. It carries no cause and no stack
 * trace: it is an answer, not a failure, and it is cheap to throw on the request path.
 */
public final class ImsException extends RuntimeException {
    private final ImsError error;

    public ImsException(ImsError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public ImsError error() {
        return error;
    }
}
