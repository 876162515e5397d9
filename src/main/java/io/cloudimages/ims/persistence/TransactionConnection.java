package io.cloudimages.ims.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The current transaction's JDBC connection, for the statements of the PATCH path (ImageRows, the history, the
 * time bounds). The pool enlists it in the JTA transaction, hands the same connection to every call within that
 * transaction and takes it back at commit, so closing it here ends nothing. Taken from the pool rather than from
 * a Hibernate session: opening a session per PATCH for statements it never sees cost ~5 % of the request's CPU
 * (bench/results/performance-round-two.md).
 */
@ApplicationScoped
public class TransactionConnection {
    private final AgroalDataSource dataSource;

    TransactionConnection(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Statements on a connection, which may throw what JDBC throws. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs JDBC work on the transaction's connection; a JDBC failure surfaces as {@link DatabaseStatementFailed}. */
    public <T> T call(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new DatabaseStatementFailed(e);
        }
    }

    /** A JDBC failure of the PATCH path's statements, classified by {@link DatabaseFailures} like any other. */
    public static final class DatabaseStatementFailed extends RuntimeException {
        DatabaseStatementFailed(SQLException cause) {
            super(null, cause, false, false);
        }
    }
}
