package io.cloudimages.ims.auth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cloudimages.ims.domain.ImsError;
import io.cloudimages.ims.domain.ImsException;
import io.cloudimages.ims.domain.access.Caller;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The accepted algorithm follows the configured key's type: ES256 for an EC key, RS256 for an RSA key. */
class TokenKeyTypeTest {
    static final String ISSUER = "https://iam.test.example";
    static final String PROJECT = "0b1e494e2660441a957313163095fe5c";
    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @TempDir
    Path dir;

    @Test
    void anEcKeyAcceptsEs256AndNothingElse() throws Exception {
        KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
        ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ec = ecGenerator.generateKeyPair();
        TokenAuthenticator tokens = authenticatorFor(ec.getPublic());
        Caller caller = tokens.authenticate(es256(ec, claims()));
        assertEquals(PROJECT, caller.projectId());
        assertEquals(Set.of("admin"), caller.roles());
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        refused(() -> tokens.authenticate(rs256(rsa, claims())));
        refused(() -> tokens.authenticate(hs256(ec.getPublic().getEncoded(), claims())));
        KeyPair otherEc = ecGenerator.generateKeyPair();
        refused(() -> tokens.authenticate(es256(otherEc, claims())));
    }

    @Test
    void anRsaKeyRefusesEs256() throws Exception {
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        TokenAuthenticator tokens = authenticatorFor(rsa.getPublic());
        assertEquals(PROJECT, tokens.authenticate(rs256(rsa, claims())).projectId());
        KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
        ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
        refused(() -> tokens.authenticate(es256(ecGenerator.generateKeyPair(), claims())));
        refused(() -> tokens.authenticate(hs256(rsa.getPublic().getEncoded(), claims())));
    }

    TokenAuthenticator authenticatorFor(PublicKey key) throws Exception {
        Path pem = dir.resolve("issuer.pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        return new TokenAuthenticator(new DefaultJWTParser(), Optional.of("file:" + pem), Optional.of(ISSUER));
    }

    static String claims() {
        long now = System.currentTimeMillis() / 1000;
        return "{\"iss\":\"" + ISSUER + "\",\"exp\":" + (now + 300) + ",\"project_id\":\"" + PROJECT + "\",\"roles\":[\"admin\"]}";
    }

    static void refused(org.junit.jupiter.api.function.Executable call) {
        assertEquals(ImsError.UNAUTHENTICATED, assertThrows(ImsException.class, call).error());
    }

    static String input(String alg, String claims) {
        return B64.encodeToString(("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    }

    static String rs256(KeyPair rsa, String claims) throws Exception {
        String input = input("RS256", claims);
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(rsa.getPrivate());
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64.encodeToString(signature.sign());
    }

    static String hs256(byte[] secret, String claims) throws Exception {
        String input = input("HS256", claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** ES256 signs R || S (32 bytes each), not the DER sequence the JDK produces. */
    static String es256(KeyPair ec, String claims) throws Exception {
        String input = input("ES256", claims);
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(ec.getPrivate());
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        byte[] der = signature.sign();
        int offset = der[1] == (byte) 0x81 ? 3 : 2;
        int rLength = der[offset + 1];
        byte[] r = Arrays.copyOfRange(der, offset + 2, offset + 2 + rLength);
        int sStart = offset + 2 + rLength;
        byte[] s = Arrays.copyOfRange(der, sStart + 2, sStart + 2 + der[sStart + 1]);
        byte[] jose = new byte[64];
        copyRight(r, jose, 0);
        copyRight(s, jose, 32);
        return input + "." + B64.encodeToString(jose);
    }

    private static void copyRight(byte[] value, byte[] out, int at) {
        int skip = Math.max(0, value.length - 32);
        System.arraycopy(value, skip, out, at + 32 - (value.length - skip), value.length - skip);
    }
}
