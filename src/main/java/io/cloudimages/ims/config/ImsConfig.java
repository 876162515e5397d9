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

    /**
     * Exit once started: with {@code quarkus.flyway.migrate-at-start=true} this is the migration job that
     * runs once per release, so that scale-to-zero cold starts never pay for migrations.
     */
    @WithName("migrate-only")
    @WithDefault("false")
    boolean migrateOnly();

    /**
     * Every request's deadline from its arrival: each database wait of the request is bounded by what is left,
     * so that a database that does not answer gives 503 IMG.0503 within it. Batch work gets it per image.
     */
    @WithDefault("PT2S")
    Duration requestDeadline();

    /** On SIGTERM, how long requests in flight may still run; the stop comes as soon as they are done. */
    @WithDefault("PT10S")
    Duration shutdownDrain();

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

        /** A token valid for longer than this from now is refused (IAM tokens last 24 hours). */
        @WithDefault("PT24H")
        Duration tokenMaxLifetime();

        /** What the cache of verified tokens may hold, in bytes, however many distinct tokens arrive. */
        @WithDefault("4194304")
        long tokenCacheBytes();

        /** How long an access key found unknown is answered from memory (a flood of random keys stays off the pool). */
        @WithDefault("PT10S")
        Duration unknownKeyCache();
    }
}
