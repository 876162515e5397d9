package io.cloudimages.ims.startup;

import io.cloudimages.ims.persistence.DatabaseFailures;
import io.cloudimages.ims.config.ImsConfig;
import io.cloudimages.ims.demo.DevDefaults;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Refuses a start against a real database that still trusts what this repository publishes: the development
 * SK encryption key, the development token key, or a demo access key (CONTRACT section 6).
 */
@ApplicationScoped
public class ProductionStartGuard {
    private final DataSource dataSource;

    ProductionStartGuard(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void check(@Observes StartupEvent event, ImsConfig config,
               @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> tokenKeyLocation) {
        if (config.embeddedDatabase()) {
            return;
        }
        if (config.auth().skEncryptionKey().map(DevDefaults.SK_ENCRYPTION_KEY::equals).orElse(false)) {
            refuse("IMS_AUTH_SK_ENCRYPTION_KEY is the development key published in the repository; "
                    + "generate one with: openssl rand -base64 32");
        }
        if (tokenKeyLocation.map(l -> l.endsWith(DevDefaults.TOKEN_PUBLIC_KEY_LOCATION)).orElse(false)) {
            refuse("MP_JWT_VERIFY_PUBLICKEY_LOCATION is the development token key; point it at your issuer's key");
        }
        if (holdsDemoKeys()) {
            refuse("the database holds demo access keys (" + DevDefaults.DEMO_ACCESS_KEY_PREFIX
                    + "*); delete them before using this database in production");
        }
    }

    /**
     * Plain JDBC, outside any transaction: this runs on every cold start, and an ORM query compiled and run
     * in a JTA transaction there costs more than the one round trip it needs.
     */
    private boolean holdsDemoKeys() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select exists (select 1 from access_key where access_key like ?)")) {
            query.setString(1, DevDefaults.DEMO_ACCESS_KEY_PREFIX + "%");
            try (ResultSet result = query.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Refusing to start: the database cannot be read ("
                    + DatabaseFailures.describe(e) + ")");
        }
    }

    private static void refuse(String reason) {
        throw new IllegalStateException("Refusing to start: " + reason);
    }
}
