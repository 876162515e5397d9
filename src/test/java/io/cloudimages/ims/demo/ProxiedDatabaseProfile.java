package io.cloudimages.ims.demo;

import io.cloudimages.ims.support.TcpProxy;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
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
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres",
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "quarkus.flyway.migrate-at-start", "true",
                "ims.embedded.active", "true",
                "ims.auth.sk-encryption-key", DevDefaults.SK_ENCRYPTION_KEY,
                "mp.jwt.verify.publickey.location", DevDefaults.TOKEN_PUBLIC_KEY_LOCATION,
                "mp.jwt.verify.issuer", DevDefaults.TOKEN_ISSUER);
    }

    /** Direct JDBC URL of the embedded database, bypassing the proxy. */
    public static String directJdbcUrl() {
        return EmbeddedDatabase.jdbcUrl();
    }
}
