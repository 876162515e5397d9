package io.cloudimages.ims.auth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudimages.ims.domain.access.Caller;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/** What a token must be to be trusted, and what remembering verified tokens may cost. */
class TokenTrustTest {
    @TempDir
    Path dir;

    Optional<String> pem(PublicKey key) throws Exception {
        Path pem = dir.resolve("issuer-" + System.nanoTime() + ".pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        return Optional.of("file:" + pem);
    }

    @Test
    void rsaKeysShorterThan2048BitsAreRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        Optional<String> weak = pem(generator.generateKeyPair().getPublic());
        IllegalStateException refusal = assertThrows(IllegalStateException.class,
                () -> new TokenAuthenticator(new DefaultJWTParser(), weak, Optional.of(TokenKeyTypeTest.ISSUER)));
        assertTrue(refusal.getMessage().contains("2048"), refusal.getMessage());
        generator.initialize(2048);
        assertNotNull(new TokenAuthenticator(new DefaultJWTParser(), pem(generator.generateKeyPair().getPublic()),
                Optional.of(TokenKeyTypeTest.ISSUER)));
    }

    @Test
    void aConfiguredAudienceMustBeNamedByTheToken() throws Exception {
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        TokenAuthenticator tokens = new TokenAuthenticator(new DefaultJWTParser(), pem(rsa.getPublic()),
                Optional.of(TokenKeyTypeTest.ISSUER), Set.of("ims"));
        long now = System.currentTimeMillis() / 1000;
        String claims = "{\"iss\":\"" + TokenKeyTypeTest.ISSUER + "\",\"exp\":" + (now + 300) + ",\"project_id\":\""
                + TokenKeyTypeTest.PROJECT + "\"";
        TokenKeyTypeTest.refused(() -> tokens.authenticate(TokenKeyTypeTest.rs256(rsa, claims + "}")));
        TokenKeyTypeTest.refused(() -> tokens.authenticate(TokenKeyTypeTest.rs256(rsa, claims + ",\"aud\":\"other\"}")));
        assertEquals(TokenKeyTypeTest.PROJECT,
                tokens.authenticate(TokenKeyTypeTest.rs256(rsa, claims + ",\"aud\":\"ims\"}")).projectId());
    }

    @Test
    void theCacheOfVerifiedTokensStaysWithinItsBudgetWhateverArrives() {
        long budget = 256 * 1024;
        VerifiedTokens cache = new VerifiedTokens(budget);
        long expires = System.currentTimeMillis() / 1000 + 600;
        Caller caller = new Caller("0b1e494e2660441a957313163095fe5c", Set.of("admin"));
        String longToken = "a".repeat(8 * 1024);
        for (int i = 0; i < 20_000; i++) {
            // 8 KiB tokens: kept by their digest, so what is kept does not grow with what is sent.
            cache.put(longToken + i, new VerifiedTokens.Verified(caller, expires));
        }
        assertTrue(cache.weightedSize() <= budget, "kept " + cache.weightedSize() + " of " + budget);
        cache.put("the-token", new VerifiedTokens.Verified(caller, expires));
        assertEquals(caller, cache.get("the-token").caller());
        assertEquals(64, VerifiedTokens.digest(longToken).length());
    }
}
