package io.cloudimages.ims.persistence;

import io.cloudimages.ims.domain.ImsError;
import io.cloudimages.ims.domain.ImsException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import java.util.function.Supplier;

/**
 * The one way this application talks to the database: each unit of work in a new transaction bounded by its
 * deadline ({@link GuardedTransactions}), every failure turned into a contract error (503 IMG.0503 when the
 * database cannot answer in time, else 500 IMG.0500), logged by exception type and SQLSTATE only.
 */
@ApplicationScoped
public class Transactions {
    private static final Logger LOG = Logger.getLogger(Transactions.class);

    private final GuardedTransactions guarded;
    private final DatabaseGate gate;
    private final AgroalDataSource pool;

    Transactions(GuardedTransactions guarded, DatabaseGate gate, AgroalDataSource pool) {
        this.guarded = guarded;
        this.gate = gate;
        this.pool = pool;
    }

    public <T> T inNewTransaction(Supplier<T> work) {
        try {
            gate.admit();
            return guarded.call(work);
        } catch (ImsException e) {
            throw e;
        } catch (CircuitBreakerOpenException e) {
            // Known down: answered at once, and not logged per request.
            return unavailable();
        } catch (GuardedTransactions.DeadlinePassed e) {
            LOG.debug("the request's deadline passed before its database work could start");
            return unavailable();
        } catch (DatabaseUnavailable e) {
            LOG.warnf("database unavailable: %s", DatabaseFailures.describe(e.getCause()));
            // The idle pooled connections may be dead too (a restarted server, a dropped network): close them, so
            // that the database's return is noticed at the first try rather than after each one has failed once.
            pool.flush(AgroalDataSource.FlushMode.IDLE);
            return unavailable();
        } catch (RuntimeException e) {
            throw toContractError(e);
        }
    }

    private static <T> T unavailable() {
        throw ImsError.DATABASE_UNAVAILABLE.exception("the image database is not available; retry shortly");
    }

    static ImsException toContractError(RuntimeException e) {
        if (DatabaseFailures.isUnavailable(e)) {
            LOG.warnf("database unavailable: %s", DatabaseFailures.describe(e));
            return ImsError.DATABASE_UNAVAILABLE.exception("the image database is not available; retry shortly");
        }
        LOG.errorf("unexpected failure: %s", DatabaseFailures.describe(e));
        return ImsError.INTERNAL.exception("an internal error occurred");
    }
}
