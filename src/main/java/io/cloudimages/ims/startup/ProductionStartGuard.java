package io.cloudimages.ims.startup;

import io.cloudimages.ims.auth.signing.SdkSignature;
import io.cloudimages.ims.auth.signing.SecretCipher;
import io.cloudimages.ims.auth.token.TokenAuthenticator;
import io.cloudimages.ims.config.ImsConfig;
import io.cloudimages.ims.demo.DemoMode;
import io.cloudimages.ims.demo.DevDefaults;
import io.cloudimages.ims.domain.ImsError;
import io.cloudimages.ims.persistence.DatabaseFailures;
import io.cloudimages.ims.persistence.DatabaseGate;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Refuses a production start that would trust what this repository publishes, or that lacks what production
 * needs (docs/behaviour.md, "Embedded database and demo data"): the development SK encryption key or token key
 * (recognised by their bytes, not by a name or spelling), a missing SK encryption key, a token key without an
 * issuer, or a database that holds demo access keys. A production start is the packaged application in its
 * normal launch mode on a configured database; dev mode, the tests and the embedded demo are not.
 */
@ApplicationScoped
public class ProductionStartGuard {
    private static final Logger LOG = Logger.getLogger(ProductionStartGuard.class);
    /** The demo-key query's own bound: it runs at start and before the first request, not under a request. */
    private static final int QUERY_TIMEOUT_MILLIS = 2_000;

    private final DataSource dataSource;
    private final DatabaseGate gate;

    ProductionStartGuard(DataSource dataSource, DatabaseGate gate) {
        this.dataSource = dataSource;
        this.gate = gate;
    }

    void check(@Observes StartupEvent event, ImsConfig config,
               @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> datasourceUrl,
               @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> tokenKeyLocation,
               @ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer) {
        if (LaunchMode.current() != LaunchMode.NORMAL || DemoMode.isActive(datasourceUrl.orElse(null))) {
            return;
        }
        String skKey = config.auth().skEncryptionKey().filter(k -> !k.isBlank()).orElseThrow(() -> refusal(
                "IMS_AUTH_SK_ENCRYPTION_KEY (ims.auth.sk-encryption-key) is not set: it encrypts the stored secret "
                        + "keys; generate one with: openssl rand -base64 32"));
        byte[] skKeyBytes;
        try {
            skKeyBytes = SecretCipher.keyBytes(skKey);
        } catch (IllegalArgumentException e) {
            throw refusal(e.getMessage());
        }
        if (Arrays.equals(skKeyBytes, SecretCipher.keyBytes(DevDefaults.SK_ENCRYPTION_KEY))) {
            throw refusal("IMS_AUTH_SK_ENCRYPTION_KEY is the development key published in the repository; "
                    + "generate one with: openssl rand -base64 32");
        }
        Optional<String> location = tokenKeyLocation.filter(l -> !l.isBlank());
        if (location.isPresent()) {
            PublicKey key;
            try {
                key = TokenAuthenticator.readKey(location.get());
            } catch (IllegalStateException e) {
                throw refusal(e.getMessage());
            }
            if (DevDefaults.TOKEN_PUBLIC_KEY_SHA256.equals(SdkSignature.sha256Hex(key.getEncoded()))) {
                throw refusal("MP_JWT_VERIFY_PUBLICKEY_LOCATION holds the development token key published in the "
                        + "repository; point it at your issuer's key");
            }
            if (issuer.filter(i -> !i.isBlank()).isEmpty()) {
                throw refusal("MP_JWT_VERIFY_ISSUER (mp.jwt.verify.issuer) is not set: a token key needs the issuer "
                        + "whose tokens it verifies");
            }
        }
        try {
            refuseDemoKeys();
        } catch (DatabaseAway away) {
            // Start and stay up: the check runs before the first request that reaches the database.
            LOG.warnf("the database is not reachable at start (%s); the demo-key check runs at the first request that"
                    + " reaches it, and requests get 503 until it has", away.getMessage());
            gate.deferUntilReachable(this::checkAtFirstUse);
        }
    }

    private void checkAtFirstUse() {
        try {
            refuseDemoKeys();
        } catch (DatabaseAway away) {
            throw ImsError.DATABASE_UNAVAILABLE.exception("the image database is not available; retry shortly");
        } catch (IllegalStateException refusal) {
            // The same refusal as at start, found late: the process stops rather than serve on a demo key.
            LOG.error(refusal.getMessage());
            Quarkus.asyncExit(1);
            throw ImsError.DATABASE_UNAVAILABLE.exception("the image database is not available; retry shortly");
        }
    }

    private void refuseDemoKeys() {
        if (holdsDemoKeys()) {
            throw refusal("the database holds demo access keys (" + DevDefaults.DEMO_ACCESS_KEY_PREFIX
                    + "*); delete them before using this database in production");
        }
    }

    /**
     * Plain JDBC, outside any transaction: this runs on every cold start, and an ORM query compiled and run
     * in a JTA transaction there costs more than the one round trip it needs.
     */
    private boolean holdsDemoKeys() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setNetworkTimeout(Runnable::run, QUERY_TIMEOUT_MILLIS);
            try (PreparedStatement query = connection.prepareStatement(
                    "select exists (select 1 from access_key where access_key like ?)")) {
                query.setString(1, DevDefaults.DEMO_ACCESS_KEY_PREFIX + "%");
                query.setQueryTimeout(QUERY_TIMEOUT_MILLIS / 1000);
                try (ResultSet result = query.executeQuery()) {
                    return result.next() && result.getBoolean(1);
                }
            }
        } catch (SQLException e) {
            if (DatabaseFailures.isUnavailable(e)) {
                throw new DatabaseAway(DatabaseFailures.describe(e));
            }
            throw refusal("the database cannot be read (" + DatabaseFailures.describe(e) + ")");
        }
    }

    /** The database could not be reached: not a reason to refuse, a reason to check later. */
    private static final class DatabaseAway extends RuntimeException {
        DatabaseAway(String description) {
            super(description, null, false, false);
        }
    }

    private static IllegalStateException refusal(String reason) {
        return new IllegalStateException("Refusing to start: " + reason);
    }
}
