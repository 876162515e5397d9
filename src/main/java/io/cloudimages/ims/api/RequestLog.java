package io.cloudimages.ims.api;

import org.jboss.logging.MDC;

import java.util.function.Supplier;

/**
 * The request id in every log line written while a request is served (as {@code requestId} in the log's
 * context: the text format prints it, the JSON format carries it as a field), so that a caller's
 * {@code X-Request-Id} finds the function's lines for it.
 */
public final class RequestLog {
    public static final String KEY = "requestId";

    private RequestLog() {
    }

    /** The id of the request being served on this thread; null outside one. */
    public static String currentId() {
        Object id = MDC.get(KEY);
        return id == null ? null : id.toString();
    }

    public static <T> T run(String requestId, Supplier<T> work) {
        Object previous = MDC.get(KEY);
        MDC.put(KEY, requestId);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                MDC.remove(KEY);
            } else {
                MDC.put(KEY, previous);
            }
        }
    }
}
