package io.cloudimages.ims.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Optional;

/** The function's own settings ({@code ims.*}); framework settings stay under their usual names. */
@ConfigMapping(prefix = "ims")
public interface ImsConfig {

    /** Run on the embedded PostgreSQL with the demo data and development keys (docs/behaviour.md §6). */
    @WithDefault("false")
    boolean demo();


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

    Batch batch();

    History history();

    /** The change history (docs/behaviour.md §9). */
    interface History {
        /**
         * Whether changes are recorded. Off only to measure what recording costs (bench/run.sh): without it,
         * batch runs cannot be undone.
         */
        @WithDefault("true")
        boolean enabled();

        /** How long a record is kept; batch job mode purges older ones before its job. */
        @WithDefault("P90D")
        Duration retention();
    }

    @WithName("functiongraph")
    FunctionGraph functionGraph();

    /** Batch job mode (docs/behaviour.md §8.1): set a job, and the process runs it and exits. */
    interface Batch {
        /** The job document itself (env IMS_BATCH_JOB). */
        Optional<String> job();

        /** A file holding the job document (env IMS_BATCH_JOB_FILE), for example a mounted ConfigMap. */
        @WithName("job-file")
        Optional<String> jobFile();

        /** With a Kubernetes indexed Job's JOB_COMPLETION_INDEX: how many shards the fleet is split into. */
        Optional<Integer> shards();

        /** The job's id in its log lines; defaults to the pod's HOSTNAME, else a fresh UUID. */
        @WithName("job-id")
        Optional<String> jobId();

        default boolean requested() {
            return job().filter(j -> !j.isBlank()).isPresent() || jobFile().filter(f -> !f.isBlank()).isPresent();
        }
    }

    /** A FunctionGraph custom image (docs/behaviour.md §8.2). */
    interface FunctionGraph {
        /**
         * Serve {@code POST /invoke} and {@code /init}, and trust timer events: only where nobody but the platform
         * can reach the port.
         */
        @WithDefault("false")
        boolean enabled();
    }

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

        /**
         * How long a known, enabled, unlocked access key is kept in memory after a correct signature, so that its
         * next requests need no database read. A key disabled or locked elsewhere stops working here within this
         * long; every signature mismatch still goes to the database (the lock-out count). PT0S: always read.
         */
        @WithDefault("PT5S")
        Duration accessKeyCache();
    }
}
