package io.cloudimages.ims.auth.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.cloudimages.ims.auth.signing.SdkSignature;
import io.cloudimages.ims.domain.access.Caller;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Verified tokens, so that a token re-sent on every call of a session is verified once. Keyed by the token's
 * SHA-256 (never the token itself) and bounded in bytes, whatever number of distinct tokens arrives; each entry
 * lives until its token expires. The weight counts the caller's project, principal (the token's subject) and roles.
 */
final class VerifiedTokens {
    /** Key (64 hex characters), caller, entry and map overhead, in bytes, before the roles' own text. */
    static final int FIXED_ENTRY_BYTES = 400;

    record Verified(Caller caller, long expiresAtEpochSecond) {
    }

    private final Cache<String, Verified> cache;

    VerifiedTokens(long maxBytes) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String digest, Verified verified) -> weight(verified))
                .expireAfter(new Expiry<String, Verified>() {
                    @Override
                    public long expireAfterCreate(String key, Verified value, long currentTime) {
                        long seconds = value.expiresAtEpochSecond() - System.currentTimeMillis() / 1000;
                        return TimeUnit.SECONDS.toNanos(Math.max(0, seconds));
                    }

                    @Override
                    public long expireAfterUpdate(String key, Verified value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }

                    @Override
                    public long expireAfterRead(String key, Verified value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                // Evictions run on the calling thread: no executor thread of Caffeine's own.
                .executor(Runnable::run)
                .build();
    }

    Verified get(String token) {
        return cache.getIfPresent(digest(token));
    }

    void put(String token, Verified verified) {
        cache.put(digest(token), verified);
    }

    /** The weight of what is kept, as the bound counts it. */
    long weightedSize() {
        cache.cleanUp();
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    static int weight(Verified verified) {
        int bytes = FIXED_ENTRY_BYTES + verified.caller().projectId().length() * 2
                + verified.caller().principal().length() * 2;
        for (String role : verified.caller().roles()) {
            bytes += 64 + role.length() * 2;
        }
        return bytes;
    }

    static String digest(String token) {
        return SdkSignature.sha256Hex(token.getBytes(StandardCharsets.US_ASCII));
    }
}
