package io.cloudimages.ims.auth.signing;

import io.cloudimages.ims.auth.refusal.Refusals;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cloudimages.ims.config.ImsConfig;
import io.cloudimages.ims.observability.Counters;
import io.cloudimages.ims.http.HttpRequestData;
import io.cloudimages.ims.domain.access.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Verifies {@code SDK-HMAC-SHA256} signed requests against the access keys in the database. */
@ApplicationScoped
public class SignatureAuthenticator {
    private static final Logger LOG = Logger.getLogger(SignatureAuthenticator.class);
    private static final DateTimeFormatter SDK_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final AccessKeyStore keys;
    private final ImsConfig.Auth config;
    private final SecretCipher cipher;
    private final Clock clock = Clock.systemUTC();
    /** Access keys found unknown a moment ago: a flood of random keys is answered without the database. */
    private final Cache<String, Boolean> unknownKeys;
    /** Keys that signed correctly a moment ago, with what a signature check needs (ims.auth.access-key-cache). */
    private final Cache<String, KnownKey> knownKeys;
    /** Keys whose stored secret did not open: warned about once per period, not on every request. */
    private final Cache<String, Boolean> undecryptableWarned;

    SignatureAuthenticator(AccessKeyStore keys, ImsConfig config) {
        this.keys = keys;
        this.config = config.auth();
        this.unknownKeys = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(config.auth().unknownKeyCache())
                .executor(Runnable::run).build();
        this.knownKeys = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(config.auth().accessKeyCache())
                .executor(Runnable::run).build();
        this.undecryptableWarned = Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(Duration.ofMinutes(5))
                .executor(Runnable::run).build();
        this.cipher = new SecretCipher(config.auth().skEncryptionKey().orElseThrow(() -> new IllegalStateException(
                "ims.auth.sk-encryption-key (IMS_AUTH_SK_ENCRYPTION_KEY) must be set: base64 of 32 random bytes")));
    }

    public Caller authenticate(HttpRequestData request, SdkSignature.AuthorizationHeader authorization) {
        String sdkDate = request.header("X-Sdk-Date");
        checkDate(sdkDate);
        List<String> signedHeaders = authorization.signedHeaders();
        if (!signedHeaders.contains("host") || !signedHeaders.contains("x-sdk-date")
                || !isSortedLowerCaseSet(signedHeaders)) {
            throw Refusals.form("signed_headers", "the signed headers must be a sorted lower-case list including host and "
                    + "x-sdk-date");
        }
        String accessKey = authorization.accessKey();
        String projectHeader = request.header("X-Project-Id");
        KnownKey known = knownKeys.getIfPresent(accessKey);
        if (known != null && (projectHeader == null || projectHeader.equals(known.caller().projectId()))) {
            if (signatureMatches(known.secret(), request, signedHeaders, sdkDate, authorization)) {
                return known.caller();
            }
            // A mismatch is counted by the database, whatever is remembered: forget the key and take that path.
            knownKeys.invalidate(accessKey);
        }
        if (unknownKeys.getIfPresent(accessKey) != null) {
            throw Refusals.credential("unknown_key", "access key " + accessKey + " is unknown (remembered)");
        }
        Optional<AccessKeyStore.StoredKey> stored = keys.lookup(accessKey);
        if (stored.isEmpty()) {
            unknownKeys.put(accessKey, Boolean.TRUE);
            throw Refusals.credential("unknown_key", "access key " + accessKey + " is unknown");
        }
        AccessKeyStore.StoredKey key = stored.get();
        if (!key.enabled()) {
            throw Refusals.credential("disabled_key", "access key " + accessKey + " is disabled");
        }
        if (key.lockedUntil() != null && key.lockedUntil().isAfter(clock.instant())) {
            throw Refusals.credential("locked_key", "access key " + accessKey + " is locked after repeated signature mismatches");
        }
        if (projectHeader != null && !projectHeader.equals(key.projectId())) {
            throw Refusals.credential("project_mismatch", "access key " + accessKey + ": X-Project-Id is not the key's project");
        }
        String secret = cipher.decrypt(key.accessKey(), key.secretKeyCiphertext());
        if (secret == null) {
            if (undecryptableWarned.asMap().putIfAbsent(accessKey, Boolean.TRUE) == null) {
                LOG.warnf("access key %s: the stored secret does not open with the configured encryption key"
                        + " (said once per 5 minutes)", accessKey);
            }
            throw Refusals.credential("secret_unreadable", "access key " + accessKey + ": the stored secret does not open");
        }
        if (!signatureMatches(secret, request, signedHeaders, sdkDate, authorization)) {
            if (keys.recordMismatch(key.accessKey(), config.lockoutThreshold(), config.lockoutDuration())) {
                Counters.lockout();
                LOG.warnf("access key %s locked for %s after %d consecutive signature mismatches", key.accessKey(),
                        config.lockoutDuration(), config.lockoutThreshold());
            }
            throw Refusals.credential("bad_signature", "access key " + accessKey + ": the signature does not match");
        }
        if (key.failedAttempts() > 0) {
            keys.resetMismatches(key.accessKey());
        }
        Caller caller = new Caller(key.projectId(), new HashSet<>(key.roles()), "ak:" + key.accessKey());
        knownKeys.put(accessKey, new KnownKey(caller, secret));
        return caller;
    }

    /** What a remembered key needs: the caller it authenticates and its secret (in memory only, briefly). */
    private record KnownKey(Caller caller, String secret) {
    }

    private static boolean signatureMatches(String secret, HttpRequestData request, List<String> signedHeaders,
                                            String sdkDate, SdkSignature.AuthorizationHeader authorization) {
        String canonical = SdkSignature.canonicalRequest(request.method(), request.path(), request.query(),
                signedHeaders, request::header, payloadHash(request));
        String expected = SdkSignature.sign(secret, SdkSignature.stringToSign(sdkDate, canonical));
        return SdkSignature.matches(expected, authorization.signature());
    }

    private void checkDate(String sdkDate) {
        if (sdkDate == null) {
            throw Refusals.form("date", "X-Sdk-Date is missing");
        }
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(sdkDate, SDK_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw Refusals.form("date", "X-Sdk-Date must be formatted as yyyyMMddTHHmmssZ");
        }
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(config.clockSkew()) > 0) {
            throw Refusals.form("date", "X-Sdk-Date is too far from the server's time");
        }
    }

    private static String payloadHash(HttpRequestData request) {
        String actual = SdkSignature.sha256Hex(request.body());
        String declared = request.header("X-Sdk-Content-Sha256");
        if (declared == null) {
            return actual;
        }
        if (!declared.equalsIgnoreCase(actual)) {
            throw Refusals.form("body_hash", "X-Sdk-Content-Sha256 does not match the body");
        }
        return declared;
    }

    private static boolean isSortedLowerCaseSet(List<String> names) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.isEmpty() || !name.equals(name.toLowerCase(java.util.Locale.ROOT)) || !seen.add(name)
                    || (i > 0 && names.get(i - 1).compareTo(name) > 0)) {
                return false;
            }
        }
        return true;
    }
}
