package io.cloudimages.ims.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The function's own counters, on Micrometer's global registry (Quarkus adds its Prometheus registry to it; they
 * are served on {@code /q/metrics}). Every tag has few values — statuses, error codes, refusal reasons — never a
 * request's own text. Counters are looked up once and kept: this runs on every request.
 */
public final class Counters {
    private static final Map<String, Counter> COUNTERS = new ConcurrentHashMap<>();

    private Counters() {
    }

    /** One answer sent, by entry point ({@code route}, {@code function}, {@code apig}, {@code other}). */
    public static void answer(String entry, int status, String code) {
        increment("ims.answers", "entry", entry, "status", Integer.toString(status), "code", code == null ? "none" : code);
    }

    /** One authentication refusal, by its reason (which never reaches an answer). */
    public static void refusal(String reason) {
        increment("ims.auth.refusals", "reason", reason);
    }

    /** An access key locked after repeated signature mismatches. */
    public static void lockout() {
        increment("ims.auth.lockouts");
    }

    /** The images of one batch by outcome, by the kind of job that ran it ({@code function}, {@code job}, {@code timer}). */
    public static void batchImages(String job, int changed, int unchanged, int failed) {
        batchOutcome(job, "changed", changed);
        batchOutcome(job, "unchanged", unchanged);
        batchOutcome(job, "failed", failed);
    }

    private static void batchOutcome(String job, String outcome, int images) {
        if (images > 0) {
            counter("ims.batch.images", "job", job, "outcome", outcome).increment(images);
        }
    }

    private static void increment(String name, String... tags) {
        counter(name, tags).increment();
    }

    private static Counter counter(String name, String... tags) {
        return COUNTERS.computeIfAbsent(name + String.join("|", tags), key -> Metrics.counter(name, tags));
    }
}
