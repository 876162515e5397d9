package io.cloudimages.ims.demo;

/**
 * The development keys shipped in this repository. They make the demo work out of the box and are refused
 * by a start against a real database (see {@link io.cloudimages.ims.startup.ProductionStartGuard}): anyone can read them here.
 */
public final class DevDefaults {
    public static final String SK_ENCRYPTION_KEY = "SBS3v/iBzAxat13KopqcaJTQLh37ZldYUhO+fy+7Bdg=";
    public static final String TOKEN_PUBLIC_KEY_LOCATION = "dev/token-public.pem";
    /** SHA-256 of that key's encoded form: a copy of it is recognised wherever it lies and however it is named. */
    public static final String TOKEN_PUBLIC_KEY_SHA256 = "ba277733424e407fa2b6c6c8c216e7c684b300a15a07371983b44f0aa5d4c713";
    public static final String TOKEN_ISSUER = "https://iam.dev.example";
    public static final String DEMO_ACCESS_KEY_PREFIX = "DEMOAK";

    private DevDefaults() {
    }
}
