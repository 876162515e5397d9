package io.cloudimages.ims.application;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * When the work of a request must be done: set by the entry point from the request's arrival, read by every
 * database wait of that request (pool, statements, locks, socket reads), which is bounded by the time left. A
 * request whose deadline has passed is answered 503 IMG.0503 instead of waiting on. Batch work gives each image
 * a deadline of its own.
 */
public final class Deadline {
    private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();

    private final long expiresAtNanos;

    private Deadline(long expiresAtNanos) {
        this.expiresAtNanos = expiresAtNanos;
    }

    /** A deadline {@code budget} after a moment read from {@link System#nanoTime()} (the request's arrival). */
    public static Deadline startingAt(long startNanos, Duration budget) {
        return new Deadline(startNanos + budget.toNanos());
    }

    public static Deadline after(Duration budget) {
        return startingAt(System.nanoTime(), budget);
    }

    public long remainingMillis() {
        return Math.max(0, (expiresAtNanos - System.nanoTime()) / 1_000_000);
    }

    /** The time left of the current work's deadline, or {@code fallback} when no deadline was set. */
    public static long remainingMillis(Duration fallback) {
        Deadline current = CURRENT.get();
        return current == null ? fallback.toMillis() : current.remainingMillis();
    }

    /** Runs work under this deadline on this thread, restoring the one it replaces. */
    public <T> T run(Supplier<T> work) {
        Deadline previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
