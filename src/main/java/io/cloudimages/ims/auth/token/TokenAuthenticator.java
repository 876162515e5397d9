package io.cloudimages.ims.auth.token;

import io.cloudimages.ims.domain.access.Unauthenticated;
import io.cloudimages.ims.domain.access.Caller;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies {@code X-Auth-Token} JWTs with the issuer key configured under the MicroProfile JWT names; the
 * accepted algorithm follows the key type (RS256 for RSA, ES256 for EC), so a token can't choose its own.
 */
@ApplicationScoped
public class TokenAuthenticator {
    private static final Logger LOG = Logger.getLogger(TokenAuthenticator.class);
    private static final Pattern PROJECT_ID = Pattern.compile("[0-9a-f]{32}");

    private static final int MAX_CACHED_TOKENS = 10_000;

    private record Verified(Caller caller, long expiresAtEpochSecond) {
    }

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final JWTParser parser;
    private final JWTAuthContextInfo verification;

    TokenAuthenticator(JWTParser parser,
                       @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keyLocation,
                       @ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer) {
        this.parser = parser;
        this.verification = keyLocation.filter(l -> !l.isBlank()).map(l -> verification(l, issuer.orElse(null)))
                .orElse(null);
        if (verification == null) {
            LOG.info("no token issuer key configured (mp.jwt.verify.publickey.location): X-Auth-Token is refused");
        }
    }

    public Caller authenticate(String token) {
        if (verification == null) {
            throw Unauthenticated.because("token authentication is not configured");
        }
        // A token is re-sent on every call of a session: its verification (an RSA or EC signature check and a
        // JSON parse) is cached by the exact token text until the token's own expiry.
        Verified cached = verified.get(token);
        if (cached != null) {
            if (cached.expiresAtEpochSecond() > System.currentTimeMillis() / 1000) {
                return cached.caller();
            }
            verified.remove(token);
        }
        return verify(token);
    }

    private Caller verify(String token) {
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token, verification);
        } catch (ParseException e) {
            throw Unauthenticated.because("the token is malformed, expired, or not signed by the trusted issuer");
        }
        if (jwt.getExpirationTime() <= 0) {
            throw Unauthenticated.because("the token has no expiry");
        }
        Object project = jwt.getClaim("project_id");
        String projectId = project instanceof JsonString s ? s.getString() : project instanceof String s ? s : null;
        if (projectId == null || !PROJECT_ID.matcher(projectId).matches()) {
            throw Unauthenticated.because("the token has no valid project_id claim");
        }
        Caller caller = new Caller(projectId, roles(jwt.getClaim("roles")));
        if (verified.size() >= MAX_CACHED_TOKENS) {
            verified.clear(); // bounded; a full cache only costs re-verification
        }
        verified.put(token, new Verified(caller, jwt.getExpirationTime()));
        return caller;
    }

    private static Set<String> roles(Object claim) {
        Set<String> roles = new HashSet<>();
        if (claim == null) {
            return roles;
        }
        if (!(claim instanceof JsonArray array)) {
            throw Unauthenticated.because("the roles claim must be an array of strings");
        }
        for (JsonValue value : array) {
            if (!(value instanceof JsonString role)) {
                throw Unauthenticated.because("the roles claim must be an array of strings");
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

    /** The issuer's key read once, its algorithm pinned to the key type. */
    private static JWTAuthContextInfo verification(String location, String issuer) {
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
        JWTAuthContextInfo info = new JWTAuthContextInfo(key, issuer);
        // The contract requires exp and project_id; sub and iat are optional.
        info.setRequireNamedPrincipal(false);
        info.setMaxTimeToLiveSecs(0L); // 0, not null: null makes smallrye-jwt require iat
        info.setTokenAge(null);
        info.setSignatureAlgorithm(Set.of(key instanceof ECPublicKey ? SignatureAlgorithm.ES256
                : SignatureAlgorithm.RS256));
        return info;
    }
}
