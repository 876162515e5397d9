package io.cloudimages.ims.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudimages.ims.support.TcpProxy;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Batch job mode as a Kubernetes Job runs it: the packaged JAR as a child process, one job from the environment,
 * the answer as the last line of standard output, progress on standard error, no HTTP port, and the exit code.
 */
class BatchJobModeIT {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String ACTIVE_DRY_RUN = "{\"all_projects\":true,\"selector\":{\"status\":\"active\"},"
            + "\"patch\":[{\"op\":\"add\",\"path\":\"/fixed\",\"value\":\"yes\"}],\"dry_run\":true}";

    record Run(int exitCode, String stdout, String stderr) {
        JsonNode answer() throws IOException {
            String[] lines = stdout.strip().split("\n");
            return MAPPER.readTree(lines[lines.length - 1]);
        }
    }

    static Run run(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(PackagedApp.command());
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("IMS_") || k.startsWith("MP_")
                || k.equals("JOB_COMPLETION_INDEX"));
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<String> out = read(process.getInputStream());
        CompletableFuture<String> err = read(process.getErrorStream());
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "the job ended");
        return new Run(process.exitValue(), out.get(), err.get());
    }

    private static CompletableFuture<String> read(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    /** The demo's embedded database is not part of the native executable: those cases run on the JAR only. */
    static Map<String, String> demo(String job) {
        org.junit.jupiter.api.Assumptions.assumeFalse(PackagedApp.isNative(), "the native executable has no demo mode");
        return new HashMap<>(Map.of("IMS_DEMO", "true", "IMS_BATCH_JOB", job));
    }

    @Test
    void aJobRunsOnTheDemoDatabaseAndExitsWithItsAnswer() throws Exception {
        Run run = run(demo(ACTIVE_DRY_RUN));
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode answer = run.answer();
        assertEquals(200, answer.get("status").asInt());
        assertEquals(4, answer.get("matched").asInt(), "the four active demo images");
        assertEquals(4, answer.get("changed").asInt());
        assertTrue(answer.get("dry_run").asBoolean());
        assertEquals(1, run.stdout().strip().split("\n").length, "standard output holds the answer only");
        assertTrue(run.stderr().contains("batch job: 4 images match"), run.stderr());
        assertTrue(run.stderr().contains("batch job progress: 4 of 4 images done"), run.stderr());
        assertFalse(run.stderr().contains("Listening on: http"), "no HTTP port is opened");
    }

    @Test
    void exitCodesSayHowItWent() throws Exception {
        Run unscoped = run(demo("{\"patch\":[{\"op\":\"add\",\"path\":\"/x\",\"value\":\"1\"}]}"));
        assertEquals(1, unscoped.exitCode(), unscoped.stderr());
        assertEquals(400, unscoped.answer().get("status").asInt());
        // The queued and killed demo images cannot be changed: some failed.
        Run someFailed = run(demo("{\"all_projects\":true,\"patch\":[{\"op\":\"add\",\"path\":\"/x\",\"value\":\"1\"}],"
                + "\"dry_run\":true}"));
        assertEquals(2, someFailed.exitCode(), someFailed.stderr());
        assertEquals(2, someFailed.answer().get("failed_count").asInt());
    }

    @Test
    void shardsOfAnIndexedJobAddUpToTheWhole() throws Exception {
        int total = 0;
        for (int index = 0; index < 3; index++) {
            Map<String, String> env = demo(ACTIVE_DRY_RUN);
            env.put("IMS_BATCH_SHARDS", "3");
            env.put("JOB_COMPLETION_INDEX", Integer.toString(index));
            Run shard = run(env);
            assertEquals(0, shard.exitCode(), shard.stderr());
            total += shard.answer().get("matched").asInt();
        }
        assertEquals(4, total, "every active demo image in exactly one shard");
    }

    /** A fleet: 10 000 images in a database of its own, the job with no request timeout, progress every 500. */
    @Test
    void aFleetSizedFixRunsToTheEndAndTellsItsProgress() throws Exception {
        try (EmbeddedPostgres database = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(30)).start()) {
            String url = database.getJdbcUrl("postgres", "postgres");
            Flyway.configure().dataSource(url, "postgres", "postgres").load().migrate();
            try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres")) {
                connection.createStatement().execute("""
                        insert into image (id, owner, name, status, visibility, image_type, created_at, updated_at)
                        select gen_random_uuid(), 'f1ee7000000000000000000000000000', 'fleet-' || n, 'active',
                               'private', 'private', now(), now()
                          from generate_series(1, 10000) n""");
            }
            Map<String, String> env = production(url);
            env.put("IMS_BATCH_JOB", "{\"selector\":{\"owner\":\"f1ee7000000000000000000000000000\"},"
                    + "\"patch\":[{\"op\":\"add\",\"path\":\"/hw_vif_multiqueue_enabled\",\"value\":\"true\"}]}");
            Run run = run(env);
            assertEquals(0, run.exitCode(), run.stderr());
            assertEquals(10_000, run.answer().get("changed").asInt());
            long progressLines = run.stderr().lines().filter(l -> l.contains("batch job progress")).count();
            assertTrue(progressLines >= 20, "a progress line at least every 500 images: " + progressLines);
            assertTrue(run.stderr().contains("of 10000 images done"), "with the total counted first");
            try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
                 var rows = connection.createStatement().executeQuery(
                         "select count(*) from image where properties ->> 'hw_vif_multiqueue_enabled' = 'true'")) {
                rows.next();
                assertEquals(10_000, rows.getInt(1));
            }
            // The run is undone by a job of its own, which first purges history past its retention.
            String runId = run.answer().get("run_id").asText();
            try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres")) {
                connection.createStatement().execute("insert into image_change (image_id, changed_at, actor, project,"
                        + " entry_point, changes) values (gen_random_uuid(), now() - interval '100 days', 'old', 'old',"
                        + " 'route', '{}')");
            }
            Map<String, String> undoEnv = production(url);
            undoEnv.put("IMS_BATCH_JOB", "{\"undo\":\"" + runId + "\"}");
            Run undo = run(undoEnv);
            assertEquals(0, undo.exitCode(), undo.stderr());
            assertEquals(10_000, undo.answer().get("changed").asInt());
            assertEquals(0, undo.answer().get("conflicts").asInt());
            assertTrue(undo.stderr().contains("1 records older than ims.history.retention purged"), undo.stderr());
            try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
                 var rows = connection.createStatement().executeQuery(
                         "select count(*) filter (where properties ->> 'hw_vif_multiqueue_enabled' is not null),"
                                 + " (select count(*) from image_change where actor = 'old') from image")) {
                rows.next();
                assertEquals(0, rows.getInt(1), "every image as before the run");
                assertEquals(0, rows.getInt(2), "the old record purged");
            }
            // The database away: exit 3, with the answer still printed.
            int port = java.net.URI.create(url.substring("jdbc:".length())).getPort();
            try (TcpProxy proxy = new TcpProxy(port)) {
                proxy.cut();
                Map<String, String> away = production("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres");
                away.put("IMS_BATCH_JOB", env.get("IMS_BATCH_JOB"));
                Run stopped = run(away);
                assertEquals(3, stopped.exitCode(), stopped.stderr());
                assertEquals(503, stopped.answer().get("status").asInt());
            }
        }
    }

    static Map<String, String> production(String url) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new HashMap<>(Map.of("QUARKUS_DATASOURCE_JDBC_URL", url, "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "postgres",
                "IMS_AUTH_SK_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key)));
    }

}
