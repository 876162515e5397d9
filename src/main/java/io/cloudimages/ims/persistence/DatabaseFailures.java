package io.cloudimages.ims.persistence;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a database that cannot answer in time (503, retry) from any other failure (500), by walking the
 * cause chain. Only SQLSTATEs and exception types are read, never messages that might hold SQL or data
 * (the one exception is Agroal's acquisition timeout, which has no SQLSTATE).
 */
public final class DatabaseFailures {
    /** Statement timeout, lock timeout, server shutting down or not yet up, too many connections. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57014", "55P03", "57P01", "57P02", "57P03", "53300",
            "53000", "40001", "40P01");

    private DatabaseFailures() {
    }

    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLTimeoutException
                    || t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof TimeoutException
                    || t instanceof jakarta.persistence.LockTimeoutException
                    || t instanceof jakarta.persistence.QueryTimeoutException
                    // The commit itself failed (connection lost, server shutting down): nothing was written.
                    || t instanceof jakarta.transaction.RollbackException
                    || t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state))) {
                    return true;
                }
                if (state == null && sql.getMessage() != null && sql.getMessage().startsWith("Acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A row lock held by another transaction outlasted the wait: a 503 like the others, but not a sign that the
     * database is down, so it does not count towards opening the circuit breaker.
     */
    public static boolean isLockTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.persistence.LockTimeoutException
                    || t instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A description safe to log: exception types and SQLSTATEs only, never messages. */
    public static String describe(Throwable failure) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 8; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (out.length() > 0) {
                out.append(" <- ");
            }
            out.append(t.getClass().getSimpleName());
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                out.append("[SQLSTATE ").append(sql.getSQLState()).append(']');
            }
        }
        return out.toString();
    }
}
