package io.cloudimages.ims.persistence;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Start-up checks that need the database, when it was not reachable at start: they run before the first
 * transaction that reaches it, and until they pass no request uses the database (each gets 503). The process
 * itself stays up and ready meanwhile, so that callers get the function's 503 rather than the platform's.
 */
@ApplicationScoped
public class DatabaseGate {
    private volatile Runnable pending;

    /** Registers a check to run at the first opportunity; it throws while the database is still away. */
    public void deferUntilReachable(Runnable check) {
        pending = check;
    }

    void admit() {
        if (pending == null) {
            return;
        }
        synchronized (this) {
            Runnable check = pending;
            if (check != null) {
                check.run();
                pending = null;
            }
        }
    }
}
