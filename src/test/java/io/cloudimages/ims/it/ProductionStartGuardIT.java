package io.cloudimages.ims.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudimages.ims.demo.DevDefaults;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the packaged application the way an operator would, with settings that must not lead to a start on
 * published keys or demo data, and checks that it refuses, saying why. Each case runs the real JAR.
 */
class ProductionStartGuardIT {
    static EmbeddedPostgres database;
    static String jdbcUrl;
    static String ownSkKey;
    static Path ownTokenKey;
    static java.security.KeyPair ownTokenKeys;

    @BeforeAll
    static void startDatabase() throws Exception {
        database = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(30)).start();
        jdbcUrl = database.getJdbcUrl("postgres", "postgres");
        Flyway.configure().dataSource(jdbcUrl, "postgres", "postgres").load().migrate();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        ownSkKey = Base64.getEncoder().encodeToString(key);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        ownTokenKeys = rsa.generateKeyPair();
        ownTokenKey = Files.createTempFile("issuer", ".pem");
        Files.writeString(ownTokenKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(ownTokenKeys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        database.close();
    }

    /** A production environment that starts, but for the one setting a case changes. */
    static Map<String, String> production() {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("IMS_AUTH_SK_ENCRYPTION_KEY", ownSkKey);
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", ownTokenKey.toString());
        env.put("MP_JWT_VERIFY_ISSUER", "https://iam.example.com");
        env.put("QUARKUS_HTTP_PORT", "0");
        return env;
    }

    record Run(int exitCode, String output) {
    }

    /** Runs the JAR until it exits, or until it has started (then it is stopped, and the exit code is 0). */
    static Run run(Map<String, String> env) throws Exception {
        return run(env, port -> { });
    }

    interface WhileRunning {
        void accept(int port) throws Exception;
    }

    /** As {@link #run(Map)}, doing something with the started application (on its port) before stopping it. */
    static Run run(Map<String, String> env, WhileRunning whileRunning) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(PackagedApp.command()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("IMS_") || k.startsWith("MP_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        StringBuffer output = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.append(line).append('\n');
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        boolean started = false;
        while (System.nanoTime() < deadline && !process.waitFor(200, TimeUnit.MILLISECONDS)) {
            if (output.indexOf("Listening on:") >= 0) {
                started = true;
                break;
            }
        }
        if (started) {
            java.util.regex.Matcher port = java.util.regex.Pattern.compile("Listening on: http://[^:]+:(\\d+)")
                    .matcher(output);
            if (port.find()) {
                try {
                    whileRunning.accept(Integer.parseInt(port.group(1)));
                } finally {
                    process.destroy();
                    process.waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
        if (process.isAlive()) {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        reader.join(30_000);
        return new Run(started ? 0 : process.exitValue(), output.toString());
    }

    static void refuses(Map<String, String> env, String... expected) throws Exception {
        Run run = run(env);
        assertNotEquals(0, run.exitCode(), run.output());
        for (String text : expected) {
            assertTrue(run.output().contains(text), "expected '" + text + "' in:\n" + run.output());
        }
    }

    @Test
    void aProfileNameIsNotDemoMode() throws Exception {
        for (String profile : new String[] {"test", "dev"}) {
            refuses(Map.of("QUARKUS_PROFILE", profile, "QUARKUS_HTTP_PORT", "0"), "No database configured",
                    "IMS_DEMO=true");
        }
    }

    @Test
    void noSettingSkipsTheChecksOrSeedsAConfiguredDatabase() throws Exception {
        Map<String, String> env = production();
        env.put("IMS_EMBEDDED_ACTIVE", "true");
        env.put("IMS_DEMO", "true");
        env.put("IMS_AUTH_SK_ENCRYPTION_KEY", DevDefaults.SK_ENCRYPTION_KEY);
        refuses(env, "Refusing to start", "IMS_AUTH_SK_ENCRYPTION_KEY is the development key");
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             ResultSet keys = connection.createStatement().executeQuery("select count(*) from access_key")) {
            keys.next();
            assertEquals(0, keys.getInt(1), "nothing was seeded into the configured database");
        }
    }

    @Test
    void theDevelopmentKeysAreRecognisedByWhatTheyAre() throws Exception {
        Path copy = Files.createTempFile("our-issuer", ".pem");
        Files.copy(Path.of("src/main/resources/dev/token-public.pem"), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Map<String, String> env = production();
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", copy.toString());
        refuses(env, "development token key");
        for (String spelling : new String[] {DevDefaults.SK_ENCRYPTION_KEY + "\n", DevDefaults.SK_ENCRYPTION_KEY.replace("=", "")}) {
            env = production();
            env.put("IMS_AUTH_SK_ENCRYPTION_KEY", spelling);
            refuses(env, "IMS_AUTH_SK_ENCRYPTION_KEY is the development key");
        }
    }

    @Test
    void whatProductionNeedsMustBeSet() throws Exception {
        Map<String, String> env = production();
        env.remove("IMS_AUTH_SK_ENCRYPTION_KEY");
        refuses(env, "IMS_AUTH_SK_ENCRYPTION_KEY");
        env = production();
        env.remove("MP_JWT_VERIFY_ISSUER");
        refuses(env, "MP_JWT_VERIFY_ISSUER");
    }

    @Test
    void theRightSettingsStart() throws Exception {
        Run run = run(production());
        assertEquals(0, run.exitCode(), run.output());
    }

    /**
     * Started while its database is away: the start guard's database check waits for the first request that
     * reaches it; meanwhile the process is up and ready and answers 503; once the database is back it serves.
     */
    @Test
    void aStartWhileTheDatabaseIsDownStaysUpAndServesOnceItIsBack() throws Exception {
        int databasePort = java.net.URI.create(jdbcUrl.substring("jdbc:".length())).getPort();
        try (io.cloudimages.ims.support.TcpProxy proxy = new io.cloudimages.ims.support.TcpProxy(databasePort)) {
            proxy.cut();
            Map<String, String> env = production();
            env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres");
            String token = io.cloudimages.ims.support.Tokens.forProject(ownTokenKeys.getPrivate(),
                    "https://iam.example.com", PackagedAppDatabase.PROJECT);
            Run run = run(env, port -> {
                var client = java.net.http.HttpClient.newHttpClient();
                var ready = client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertEquals(200, ready.statusCode(), ready.body());
                java.util.function.Supplier<java.net.http.HttpResponse<String>> patch = () -> {
                    try {
                        return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                                        + port + "/v2/cloudimages/" + PackagedAppDatabase.IMAGE_ID))
                                .header("X-Auth-Token", token).header("Content-Type", "application/json")
                                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("[]")).build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                };
                var down = patch.get();
                assertEquals(503, down.statusCode(), down.body());
                assertTrue(down.body().contains("IMG.0503"), down.body());
                proxy.restore();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                int status = 503;
                while (status == 503 && System.nanoTime() < until) {
                    status = patch.get().statusCode();
                    Thread.sleep(100);
                }
                // The image is not in this database: 404 is the answer of a function that serves again.
                assertEquals(404, status);
            });
            assertEquals(0, run.exitCode(), run.output());
            assertTrue(run.output().contains("the demo-key check runs at the first request"), run.output());
        }
    }

    /** The documented switch gives one JSON object per log line, for a FaaS log stack. */
    @Test
    void jsonLogsAreOneObjectPerLine() throws Exception {
        Map<String, String> env = production();
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
        Run run = run(env);
        assertEquals(0, run.exitCode(), run.output());
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        int lines = 0;
        for (String line : run.output().split("\n")) {
            if (!line.isBlank()) {
                assertTrue(mapper.readTree(line).isObject(), line);
                lines++;
            }
        }
        assertTrue(lines > 0);
    }

    @Test
    void theDemoListensOnTheLoopbackInterfaceOnly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(PackagedApp.isNative(), "the native executable has no demo mode");
        Run run = run(Map.of("IMS_DEMO", "true", "QUARKUS_HTTP_PORT", "0"));
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("Listening on: http://127.0.0.1:"), run.output());
    }
}
