package io.cloudimages.ims.persistence;

/** A database that could not answer in time: what the circuit breaker counts, and what becomes 503 IMG.0503. */
final class DatabaseUnavailable extends RuntimeException {
    DatabaseUnavailable(Throwable cause) {
        super(null, cause, false, false);
    }
}
