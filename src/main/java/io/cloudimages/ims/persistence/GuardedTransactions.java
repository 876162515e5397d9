package io.cloudimages.ims.persistence;

import io.cloudimages.ims.application.Deadline;
import io.cloudimages.ims.config.ImsConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.hibernate.Session;

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

    private final EntityManager entityManager;
    private final Duration fallbackBudget;

    GuardedTransactions(EntityManager entityManager, ImsConfig config) {
        this.entityManager = entityManager;
        this.fallbackBudget = config.requestDeadline();
    }

    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 1, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1, failOn = DatabaseUnavailable.class)
    public <T> T call(Supplier<T> work) {
        long budget = Deadline.remainingMillis(fallbackBudget);
        if (budget < MIN_MILLIS) {
            throw new DeadlinePassed();
        }
        int seconds = (int) Math.max(1, (budget + 999) / 1000);
        try {
            return QuarkusTransaction.requiringNew().timeout(seconds).call(() -> {
                boundWaits();
                return work.get();
            });
        } catch (DeadlinePassed | DatabaseUnavailable e) {
            throw e;
        } catch (RuntimeException e) {
            if (DatabaseFailures.isUnavailable(e)) {
                throw new DatabaseUnavailable(e);
            }
            throw e;
        }
    }

    /**
     * On the transaction's connection, once the pool has given it: socket reads, statements and lock waits
     * end when the deadline does. The statement and lock timeouts are transaction-local (set_config, true).
     */
    private void boundWaits() {
        entityManager.unwrap(Session.class).doWork(connection -> {
            long left = Deadline.remainingMillis(fallbackBudget);
            if (left < MIN_MILLIS) {
                throw new DeadlinePassed();
            }
            connection.setNetworkTimeout(Runnable::run, (int) left);
            try (PreparedStatement limits = connection.prepareStatement(
                    "select set_config('statement_timeout', ?, true), set_config('lock_timeout', ?, true)")) {
                limits.setString(1, left + "ms");
                limits.setString(2, left + "ms");
                limits.execute();
            }
        });
    }

    /** The work's deadline passed before (or while) it could start. */
    static final class DeadlinePassed extends RuntimeException {
        DeadlinePassed() {
            super(null, null, false, false);
        }
    }
}
