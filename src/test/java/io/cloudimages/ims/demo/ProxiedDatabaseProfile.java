package io.cloudimages.ims.demo;

import io.cloudimages.ims.auth.signing.SecretCipher;
import io.cloudimages.ims.support.TcpProxy;
import org.flywaydb.core.Flyway;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** The function on the embedded database, but reached through a {@link TcpProxy} the test can cut. */
public class ProxiedDatabaseProfile implements QuarkusTestProfile {
    public static final String PROXY_KEY = "ims-test.database-proxy";

    @Override
    public Map<String, String> getConfigOverrides() {
        int databasePort = URI.create(EmbeddedDatabase.jdbcUrl().substring("jdbc:".length())).getPort();
        TcpProxy proxy;
        try {
            proxy = new TcpProxy(databasePort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        proxy.followSystemProperty(PROXY_KEY);
        // A database reached through a configured URL is never seeded by the application: the test seeds the
        // demo credentials it signs with itself.
        seedDemoCredentials(EmbeddedDatabase.jdbcUrl());
        Map<String, String> overrides = new java.util.HashMap<>(Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres",
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "quarkus.flyway.migrate-at-start", "true",
                "ims.auth.sk-encryption-key", DevDefaults.SK_ENCRYPTION_KEY,
                "mp.jwt.verify.publickey.location", DevDefaults.TOKEN_PUBLIC_KEY_LOCATION,
                "mp.jwt.verify.issuer", DevDefaults.TOKEN_ISSUER));
        // A short deadline against backstops of 30 s: a 503 well inside those shows the deadline bounds the wait (the
        // connection bounds set from the deadline by ConnectionDefaults replace the 30 s options below).
        overrides.put("ims.request-deadline", "PT0.5S");
        // The pool's wait has its bound of its own (Agroal's is per pool, not per request): inside the deadline.
        overrides.put("quarkus.datasource.jdbc.acquisition-timeout", "0.4S");
        overrides.put("quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout", "30");
        overrides.put("quarkus.datasource.jdbc.additional-jdbc-properties.options",
                "-c statement_timeout=30000 -c lock_timeout=30000");
        return overrides;
    }

    static void seedDemoCredentials(String jdbcUrl) {
        Flyway.configure().dataSource(jdbcUrl, "postgres", "postgres").load().migrate();
        SecretCipher cipher = new SecretCipher(DevDefaults.SK_ENCRYPTION_KEY);
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             PreparedStatement insert = connection.prepareStatement("insert into access_key (access_key, "
                     + "secret_key_ciphertext, project_id, roles) values (?, ?, ?, cast(? as jsonb)) "
                     + "on conflict (access_key) do nothing")) {
            for (List<String> credential : DemoData.CREDENTIALS) {
                insert.setString(1, credential.get(0));
                insert.setBytes(2, cipher.encrypt(credential.get(0), credential.get(1)));
                insert.setString(3, credential.get(2));
                insert.setString(4, credential.get(3).isEmpty() ? "[]" : "[\"" + credential.get(3) + "\"]");
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Direct JDBC URL of the embedded database, bypassing the proxy. */
    public static String directJdbcUrl() {
        return EmbeddedDatabase.jdbcUrl();
    }
}
