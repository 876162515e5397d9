package io.cloudimages.ims.api;

/** Request sizes every entry point holds to, beside the patch's own 64 KiB (PatchParser.MAX_BYTES). */
public final class RequestLimits {
    /**
     * The most any request body may hold (a function event with its patch inside, an APIG event): past it the
     * server answers 413. Equal to {@code quarkus.http.limits.max-body-size}.
     */
    public static final int MAX_REQUEST_BYTES = 1024 * 1024;

    private RequestLimits() {
    }
}
