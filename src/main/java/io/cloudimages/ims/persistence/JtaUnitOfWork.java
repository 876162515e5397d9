package io.cloudimages.ims.persistence;

import io.cloudimages.ims.application.UnitOfWork;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;

/** The application's transactions, run by {@link Transactions}. */
@ApplicationScoped
public class JtaUnitOfWork implements UnitOfWork {
    @Override
    public <T> T inNewTransaction(Supplier<T> work) {
        return Transactions.inNewTransaction(work);
    }
}
