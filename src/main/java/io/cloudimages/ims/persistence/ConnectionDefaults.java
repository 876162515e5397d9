package io.cloudimages.ims.persistence;

import io.agroal.api.AgroalPoolInterceptor;
import io.cloudimages.ims.config.ImsConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Every new pooled connection starts with statement and lock bounds of one request deadline (ims.request-deadline),
 * so that a transaction that starts at once after its request arrived needs no statement of its own to bound its
 * waits ({@link GuardedTransactions} sets tighter ones only when much of the deadline is gone). The lock bound is
 * a little shorter, so that a wait on another transaction's lock ends as a lock timeout (55P03), which the circuit
 * breaker does not count, rather than as a statement timeout.
 */
@ApplicationScoped
public class ConnectionDefaults implements AgroalPoolInterceptor {
    private final long statementMillis;

    ConnectionDefaults(ImsConfig config) {
        this.statementMillis = config.requestDeadline().toMillis();
    }

    @Override
    public void onConnectionCreate(Connection connection) {
        try (Statement set = connection.createStatement()) {
            set.execute("set statement_timeout = " + statementMillis + "; set lock_timeout = "
                    + lockMillis(statementMillis));
        } catch (SQLException e) {
            // The connection is unusable; the pool's caller sees the failure at its first statement.
            throw new IllegalStateException("the connection's time bounds could not be set", e);
        }
    }

    static long lockMillis(long statementMillis) {
        return Math.max(1, statementMillis - GuardedTransactions.LOCK_MARGIN_MILLIS);
    }
}
