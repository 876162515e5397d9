package io.cloudimages.ims.domain;

/**
 * The error catalogue of the contract: every refusal the function can give, with its HTTP status and code.
 * One place, so that the HTTP route, the Funqy functions and the batch all answer the same.
 */
public enum ImsError {
    INVALID_REQUEST(400, "IMG.0001"),
    NAME_LENGTH(400, "IMG.0002"),
    NAME_FORMAT(400, "IMG.0003"),
    DESCRIPTION_LENGTH(400, "IMG.0004"),
    EMPTY_BODY(400, "IMG.0007"),
    ATTRIBUTE_STATE(400, "IMG.0035"),
    IMAGE_NOT_ACTIVE(400, "IMG.0046"),
    DESCRIPTION_FORMAT(400, "IMG.0054"),
    RAM_SIZE(400, "IMG.0055"),
    INVALID_IMAGE_ID(400, "IMG.0066"),
    FIRMWARE_TYPE(400, "IMG.0141"),
    UNAUTHENTICATED(401, "APIGW.0301"),
    PUBLIC_IMAGE(403, "IMG.0083"),
    READ_ONLY_ATTRIBUTE(403, "IMG.0105"),
    IMAGE_NOT_FOUND(404, "IMG.0027"),
    RESOURCE_NOT_FOUND(404, "IMG.0404"),
    METHOD_NOT_ALLOWED(405, "IMG.0405"),
    /** An undo found the image changed since the run it takes back (docs/behaviour.md §9): left alone. */
    CHANGED_SINCE_RUN(409, "IMG.0409"),
    PRECONDITION_FAILED(412, "IMG.0412"),
    BODY_TOO_LARGE(413, "IMG.0413"),
    UNSUPPORTED_MEDIA_TYPE(415, "IMG.0415"),
    INTERNAL(500, "IMG.0500"),
    DATABASE_UNAVAILABLE(503, "IMG.0503");

    private final int status;
    private final String code;

    ImsError(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public ImsException exception(String message) {
        return new ImsException(this, message);
    }

    /** A refusal of one operation of a patch: the message names it as {@code operation <i> (<path>): <reason>}. */
    public ImsException atOperation(int index, String path, String reason) {
        return new ImsException(this, "operation " + index + " (" + abbreviate(path) + "): " + reason);
    }

    /** Keeps messages short whatever was sent: a pointer may be as long as the body. */
    private static String abbreviate(String path) {
        return path.length() <= MAX_PATH_IN_MESSAGE ? path : path.substring(0, MAX_PATH_IN_MESSAGE) + "...";
    }

    private static final int MAX_PATH_IN_MESSAGE = 100;
}
