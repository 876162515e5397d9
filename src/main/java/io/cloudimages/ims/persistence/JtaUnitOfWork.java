package io.cloudimages.ims.persistence;

import io.cloudimages.ims.application.UnitOfWork;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;

/** The application's transactions, run by {@link Transactions}. */
@ApplicationScoped
public class JtaUnitOfWork implements UnitOfWork {
    private final Transactions transactions;

    JtaUnitOfWork(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> T inNewTransaction(Supplier<T> work) {
        return transactions.inNewTransaction(work);
    }
}
