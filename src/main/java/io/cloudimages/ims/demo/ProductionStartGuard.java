package io.cloudimages.ims.demo;

import io.cloudimages.ims.auth.signing.AccessKeyEntity;
import io.cloudimages.ims.config.ImsConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Refuses a start against a real database that still trusts what this repository publishes: the development
 * SK encryption key, the development token key, or a demo access key (CONTRACT section 6).
 */
@ApplicationScoped
public class ProductionStartGuard {

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
        long demoKeys = QuarkusTransaction.requiringNew().call(() -> AccessKeyEntity.count(
                "accessKey like ?1", DevDefaults.DEMO_ACCESS_KEY_PREFIX + "%"));
        if (demoKeys > 0) {
            refuse("the database holds demo access keys (" + DevDefaults.DEMO_ACCESS_KEY_PREFIX
                    + "*); delete them before using this database in production");
        }
    }

    private static void refuse(String reason) {
        throw new IllegalStateException("Refusing to start: " + reason);
    }
}
