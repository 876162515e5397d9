package io.cloudimages.ims.persistence;

import io.cloudimages.ims.domain.ImsError;
import io.cloudimages.ims.domain.ImsException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;

import java.util.function.Supplier;

/**
 * The one way this application talks to the database: each unit of work in a new transaction, every failure
 * turned into a contract error (503 IMG.0503 when the database cannot answer in time, else 500 IMG.0500),
 * logged by exception type and SQLSTATE only.
 */
public final class Transactions {
    private static final Logger LOG = Logger.getLogger(Transactions.class);

    private Transactions() {
    }

    public static <T> T inNewTransaction(Supplier<T> work) {
        try {
            return QuarkusTransaction.requiringNew().call(work::get);
        } catch (ImsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw toContractError(e);
        }
    }

    public static ImsException toContractError(RuntimeException e) {
        if (DatabaseFailures.isUnavailable(e)) {
            LOG.warnf("database unavailable: %s", DatabaseFailures.describe(e));
            return ImsError.DATABASE_UNAVAILABLE.exception("the image database is not available; retry shortly");
        }
        LOG.errorf("unexpected failure: %s", DatabaseFailures.describe(e));
        return ImsError.INTERNAL.exception("an internal error occurred");
    }
}
