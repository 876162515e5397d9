package io.cloudimages.ims.support;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * Mints X-Auth-Token JWTs with the development issuer key in {@code dev/token-private.pem}: well-formed ones with
 * smallrye-jwt-build, hostile ones (any header, any claims) by hand.
 */
public final class Tokens {
    public static final String ISSUER = "https://iam.dev.example";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {
    }

    public static String forProject(String projectId, String... roles) {
        try {
            return forProject(privateKey(), ISSUER, projectId, roles);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token of another issuer and key (the packaged-application tests use a key of their own). */
    public static String forProject(PrivateKey key, String issuer, String projectId, String... roles) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(issuer).subject("test").issuedAt(now).expiresAt(now + 600)
                .claim("project_id", projectId).claim("roles", List.of(roles))
                .jws().algorithm(SignatureAlgorithm.RS256).sign(key);
    }

    /** Signs any header and claims with the development key (RS256). */
    public static String sign(String headerJson, String claimsJson) {
        try {
            return sign(privateKey(), headerJson, claimsJson);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(PrivateKey key, String headerJson, String claimsJson) {
        try {
            String signingInput = B64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                    + B64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey() throws Exception {
        String pem = Files.readString(Path.of("dev/token-private.pem"));
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
