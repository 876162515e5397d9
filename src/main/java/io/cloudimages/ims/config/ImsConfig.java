package io.cloudimages.ims.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Optional;

/** The function's own settings ({@code ims.*}); framework settings stay under their usual names. */
@ConfigMapping(prefix = "ims")
public interface ImsConfig {

    /** Run on the embedded PostgreSQL with the demo data and development keys (CONTRACT section 6). */
    @WithDefault("false")
    boolean demo();

    /** Set by the embedded-database config source when it started one; never set it by hand. */
    @WithName("embedded.active")
    @WithDefault("false")
    boolean embeddedDatabase();

    /**
     * Exit once started: with {@code quarkus.flyway.migrate-at-start=true} this is the migration job that
     * runs once per release, so that scale-to-zero cold starts never pay for migrations.
     */
    @WithName("migrate-only")
    @WithDefault("false")
    boolean migrateOnly();

    Auth auth();

    interface Auth {
        /** Base64 of the 32-byte AES key that encrypts stored secret keys. */
        @WithName("sk-encryption-key")
        Optional<String> skEncryptionKey();

        /** Tolerated difference between X-Sdk-Date and the server clock. */
        @WithDefault("PT15M")
        Duration clockSkew();

        /** Consecutive signature mismatches that lock an access key. */
        @WithDefault("5")
        int lockoutThreshold();

        @WithDefault("PT5M")
        Duration lockoutDuration();
    }
}
