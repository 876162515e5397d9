package io.cloudimages.ims.api;

import java.util.UUID;
import java.util.regex.Pattern;

/** The {@code X-Request-Id} of an answer: the caller's own when well-formed, else a fresh UUID. */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {
    }

    public static String choose(String sent) {
        return isWellFormed(sent) ? sent : UUID.randomUUID().toString();
    }

    /** 1-64 letters, digits, '-', '_', '.': an id that can be echoed and logged as it is. */
    public static boolean isWellFormed(String sent) {
        return sent != null && WELL_FORMED.matcher(sent).matches();
    }
}
