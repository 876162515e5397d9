package io.cloudimages.ims.it;

import io.cloudimages.ims.auth.signing.SecretCipher;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * The database and keys of the packaged application under test (the JAR, or the native executable with
 * {@code -Dnative}), given to it as a production start gets them: a datasource URL, an SK encryption key and a
 * token issuer key of its own, never the demo mode or the development keys. The database is the one named by
 * {@code -Dims.it.jdbc-url} (with {@code -Dims.it.username}, {@code -Dims.it.password}), else a PostgreSQL
 * started here, in the test JVM, so that the executable itself needs no embedded database.
 */
public class PackagedAppDatabase implements QuarkusTestResourceLifecycleManager {
    public static final String IMAGE_ID = "33ad552d-1149-471c-8190-ff6776174a00";
    public static final String PROJECT = "0b1e494e2660441a957313163095fe5c";
    public static final String ACCESS_KEY = "ITAK0B1E494E2660441A";
    public static final String SECRET_KEY = "it-sk-" + PROJECT;
    public static final String ISSUER = "https://iam.it.example";
    /** The issuer's private key, for the test to mint tokens with (the resource and the test share this JVM). */
    static volatile KeyPair tokenKeys;

    private EmbeddedPostgres started;

    @Override
    public Map<String, String> start() {
        String url = System.getProperty("ims.it.jdbc-url");
        String username = System.getProperty("ims.it.username", "postgres");
        String password = System.getProperty("ims.it.password", "postgres");
        try {
            if (url == null || url.isBlank()) {
                started = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(30)).start();
                url = started.getJdbcUrl("postgres", "postgres");
            }
            Flyway.configure().dataSource(url, username, password).cleanDisabled(false).load().clean();
            Flyway.configure().dataSource(url, username, password).load().migrate();
            byte[] rawKey = new byte[32];
            new SecureRandom().nextBytes(rawKey);
            String skEncryptionKey = Base64.getEncoder().encodeToString(rawKey);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            tokenKeys = generator.generateKeyPair();
            Path publicKey = Files.createTempFile("ims-it-token", ".pem");
            Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(tokenKeys.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            seed(url, username, password, new SecretCipher(skEncryptionKey));
            return Map.of("quarkus.datasource.jdbc.url", url,
                    "quarkus.datasource.username", username,
                    "quarkus.datasource.password", password,
                    "ims.auth.sk-encryption-key", skEncryptionKey,
                    "mp.jwt.verify.publickey.location", publicKey.toString(),
                    "mp.jwt.verify.issuer", ISSUER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void seed(String url, String username, String password, SecretCipher cipher) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, username, password)) {
            try (PreparedStatement image = connection.prepareStatement("""
                    insert into image (id, owner, name, status, visibility, image_type, min_disk, description,
                                       hw_firmware_type, created_at, updated_at)
                    values (cast(? as uuid), ?, 'ims_it', 'active', 'private', 'private', 40, 'ims test', 'bios',
                            now(), now())""")) {
                image.setString(1, IMAGE_ID);
                image.setString(2, PROJECT);
                image.executeUpdate();
            }
            try (PreparedStatement key = connection.prepareStatement(
                    "insert into access_key (access_key, secret_key_ciphertext, project_id) values (?, ?, ?)")) {
                key.setString(1, ACCESS_KEY);
                key.setBytes(2, cipher.encrypt(ACCESS_KEY, SECRET_KEY));
                key.setString(3, PROJECT);
                key.executeUpdate();
            }
        }
    }

    @Override
    public void stop() {
        try {
            if (started != null) {
                started.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
