package io.cloudimages.ims.application;

import java.util.function.Supplier;

/**
 * A database transaction around a piece of work; the persistence adapter implements it. Whatever fails inside
 * comes out as a contract error: 503 IMG.0503 when the database cannot answer in time, else 500 IMG.0500.
 */
public interface UnitOfWork {
    <T> T inNewTransaction(Supplier<T> work);
}
