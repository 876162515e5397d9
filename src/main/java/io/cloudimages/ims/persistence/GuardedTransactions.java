package io.cloudimages.ims.persistence;

import io.cloudimages.ims.application.Deadline;
import io.cloudimages.ims.config.ImsConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * One transaction, every wait in it bounded by the deadline of the work it serves, behind a circuit breaker:
 * after a run of database failures it opens, and calls fail at once (503) instead of each waiting out its
 * deadline, until a probe call after {@code delay} finds the database back.
 */
@ApplicationScoped
public class GuardedTransactions {
    /** Below this, there is no point starting: the answer would come late anyway. */
    static final long MIN_MILLIS = 20;
    static final long LOCK_MARGIN_MILLIS = 10;
    /**
     * A transaction starting within this long of its request's arrival keeps the connection's own bounds (one
     * deadline, {@link ConnectionDefaults}) rather than paying a statement to set bounds that would differ by less:
     * its waits then end at most this long after the deadline.
     */
    static final long DEFAULTS_SLACK_MILLIS = 25;

    private final TransactionConnection connections;
    private final Duration fallbackBudget;

    GuardedTransactions(TransactionConnection connections, ImsConfig config) {
        this.connections = connections;
        this.fallbackBudget = config.requestDeadline();
    }

    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 1, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1, failOn = DatabaseUnavailable.class)
    public <T> T call(Supplier<T> work) {
        long budget = Deadline.remainingMillis(fallbackBudget);
        if (budget < MIN_MILLIS) {
            throw new DeadlinePassed();
        }
        try {
            // No transaction timeout of the deadline's length: Narayana's reaper would abort the transaction from
            // another thread while its statement still runs, and wedge on the connection (seen: a 2 s lock wait
            // answered after 12 s). The statement, lock and socket bounds below end the work; the reaper stays a
            // backstop at its default.
            return QuarkusTransaction.requiringNew().call(() -> {
                boundWaits();
                return work.get();
            });
        } catch (DeadlinePassed | DatabaseUnavailable e) {
            throw e;
        } catch (RuntimeException e) {
            // A lock held elsewhere is one image's contention, not an outage: it stays out of the breaker's count.
            if (DatabaseFailures.isUnavailable(e) && !DatabaseFailures.isLockTimeout(e)) {
                throw new DatabaseUnavailable(e);
            }
            throw e;
        }
    }

    /**
     * On the transaction's connection, once the pool has given it: socket reads, statements and lock waits end
     * when the deadline does. The socket bound costs no round trip; the statement and lock bounds are the
     * connection's own ({@link ConnectionDefaults}) unless more than {@link #DEFAULTS_SLACK_MILLIS} of the deadline
     * is gone, when tighter transaction-local ones are set (set_config, true).
     */
    private void boundWaits() {
        connections.call(connection -> {
            long left = Deadline.remainingMillis(fallbackBudget);
            if (left < MIN_MILLIS) {
                throw new DeadlinePassed();
            }
            connection.setNetworkTimeout(Runnable::run, (int) left);
            if (fallbackBudget.toMillis() - left <= DEFAULTS_SLACK_MILLIS) {
                return null;
            }
            try (PreparedStatement limits = connection.prepareStatement(
                    "select set_config('statement_timeout', ?, true), set_config('lock_timeout', ?, true)")) {
                limits.setString(1, left + "ms");
                limits.setString(2, ConnectionDefaults.lockMillis(left) + "ms");
                limits.execute();
            }
            return null;
        });
    }

    /** The work's deadline passed before (or while) it could start. */
    static final class DeadlinePassed extends RuntimeException {
        DeadlinePassed() {
            super(null, null, false, false);
        }
    }
}
