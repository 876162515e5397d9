package io.cloudimages.ims.auth.token;

import io.cloudimages.ims.auth.refusal.Refusals;
import io.cloudimages.ims.config.ImsConfig;
import io.cloudimages.ims.domain.access.Caller;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies {@code X-Auth-Token} JWTs with the issuer key configured under the MicroProfile JWT names; the
 * accepted algorithm follows the key type (RS256 for RSA, ES256 for EC), so a token can't choose its own.
 * Only the canonical compact form is read at all (docs/behaviour.md, "Authentication").
 */
@ApplicationScoped
public class TokenAuthenticator {
    public static final int MAX_TOKEN_LENGTH = 8 * 1024;
    public static final int MIN_RSA_KEY_BITS = 2048;
    private static final Pattern PROJECT_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Logger LOG = Logger.getLogger(TokenAuthenticator.class);

    private final JWTParser parser;
    private final JWTAuthContextInfo verification;
    private final Duration maxLifetime;
    private final VerifiedTokens verified;

    @Inject
    TokenAuthenticator(JWTParser parser,
                       @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keyLocation,
                       @ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer,
                       @ConfigProperty(name = "mp.jwt.verify.audiences") Optional<Set<String>> audiences,
                       ImsConfig config) {
        this.parser = parser;
        this.verification = keyLocation.filter(l -> !l.isBlank())
                .map(l -> verification(l, issuer.orElse(null), audiences.orElse(Set.of())))
                .orElse(null);
        this.maxLifetime = config.auth().tokenMaxLifetime();
        this.verified = new VerifiedTokens(config.auth().tokenCacheBytes());
        if (verification == null) {
            LOG.info("no token issuer key configured (mp.jwt.verify.publickey.location): X-Auth-Token is refused");
        }
    }

    /** For tests of the key handling: no audience, the default lifetime and cache. */
    TokenAuthenticator(JWTParser parser, Optional<String> keyLocation, Optional<String> issuer) {
        this(parser, keyLocation, issuer, Set.of());
    }

    /** For tests of the key handling, with the audiences a token must name. */
    TokenAuthenticator(JWTParser parser, Optional<String> keyLocation, Optional<String> issuer, Set<String> audiences) {
        this.parser = parser;
        this.verification = keyLocation.map(l -> verification(l, issuer.orElse(null), audiences)).orElse(null);
        this.maxLifetime = Duration.ofHours(24);
        this.verified = new VerifiedTokens(4 * 1024 * 1024);
    }

    public Caller authenticate(String token) {
        if (verification == null) {
            throw Refusals.form("token_not_configured", "token authentication is not configured");
        }
        if (token.length() > MAX_TOKEN_LENGTH || !isCompact(token)) {
            throw Refusals.form("token_form", "X-Auth-Token must be a compact JWT (three base64url segments) of at most "
                    + MAX_TOKEN_LENGTH + " characters");
        }
        VerifiedTokens.Verified cached = verified.get(token);
        if (cached != null && cached.expiresAtEpochSecond() > System.currentTimeMillis() / 1000) {
            return cached.caller();
        }
        return verify(token);
    }

    private Caller verify(String token) {
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token, verification);
        } catch (ParseException e) {
            throw Refusals.credential("token_invalid", "token: malformed, expired, or not signed by the trusted issuer");
        }
        long expiresAt = jwt.getExpirationTime();
        if (expiresAt <= 0) {
            throw Refusals.credential("token_claims", "token: no expiry");
        }
        if (expiresAt - System.currentTimeMillis() / 1000 > maxLifetime.toSeconds()) {
            throw Refusals.credential("token_lifetime", "token: valid for longer than ims.auth.token-max-lifetime (" + maxLifetime + ")");
        }
        Object project = jwt.getClaim("project_id");
        String projectId = project instanceof JsonString s ? s.getString() : project instanceof String s ? s : null;
        if (projectId == null || !PROJECT_ID.matcher(projectId).matches()) {
            throw Refusals.credential("token_claims", "token: no valid project_id claim");
        }
        String subject = jwt.getSubject();
        Caller caller = new Caller(projectId, roles(jwt.getClaim("roles")),
                "token:" + (subject == null || subject.isBlank() ? projectId : subject));
        verified.put(token, new VerifiedTokens.Verified(caller, expiresAt));
        return caller;
    }

    private static Set<String> roles(Object claim) {
        Set<String> roles = new HashSet<>();
        if (claim == null) {
            return roles;
        }
        if (!(claim instanceof JsonArray array)) {
            throw Refusals.credential("token_claims", "token: the roles claim is not an array of strings");
        }
        for (JsonValue value : array) {
            if (!(value instanceof JsonString role)) {
                throw Refusals.credential("token_claims", "token: the roles claim is not an array of strings");
            }
            roles.add(role.getString());
        }
        return roles;
    }

    private static PublicKey decode(String pem, SignatureAlgorithm algorithm) {
        try {
            return KeyUtils.decodePublicKey(pem, algorithm);
        } catch (Exception e) {
            return null;
        }
    }

    /** The issuer's key, read at start; an RSA key shorter than 2048 bits is refused. */
    public static PublicKey readKey(String location) {
        String pem;
        try {
            pem = KeyUtils.readKeyContent(location);
        } catch (Exception e) {
            pem = null;
        }
        PublicKey key = pem == null ? null : decode(pem, SignatureAlgorithm.RS256);
        if (!(key instanceof RSAPublicKey) && pem != null) {
            key = decode(pem, SignatureAlgorithm.ES256);
        }
        if (key == null) {
            throw new IllegalStateException("the token issuer key at mp.jwt.verify.publickey.location cannot be read"
                    + " as a PEM RSA or EC public key");
        }
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_KEY_BITS) {
            throw new IllegalStateException("the token issuer key at mp.jwt.verify.publickey.location is an RSA key of "
                    + rsa.getModulus().bitLength() + " bits; at least " + MIN_RSA_KEY_BITS + " are required");
        }
        return key;
    }

    /** The issuer's key read once, its algorithm pinned to the key type. */
    private static JWTAuthContextInfo verification(String location, String issuer, Set<String> audiences) {
        PublicKey key = readKey(location);
        JWTAuthContextInfo info = new JWTAuthContextInfo(key, issuer);
        // exp and project_id are required; sub and iat are optional.
        info.setRequireNamedPrincipal(false);
        info.setMaxTimeToLiveSecs(0L); // 0, not null: null makes smallrye-jwt require iat
        info.setTokenAge(null);
        if (!audiences.isEmpty()) {
            info.setExpectedAudience(audiences);
        }
        info.setSignatureAlgorithm(Set.of(key instanceof ECPublicKey ? SignatureAlgorithm.ES256
                : SignatureAlgorithm.RS256));
        return info;
    }

    /**
     * The compact JWS form: three non-empty base64url segments ({@code [A-Za-z0-9_-]+}) joined by two dots. A loop,
     * not a regular expression: it runs on every request, and the regex engine cost a few per cent of a PATCH.
     */
    static boolean isCompact(String token) {
        int dots = 0;
        int segmentLength = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                if (segmentLength == 0 || ++dots > 2) {
                    return false;
                }
                segmentLength = 0;
            } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                segmentLength++;
            } else {
                return false;
            }
        }
        return dots == 2 && segmentLength > 0;
    }
}
