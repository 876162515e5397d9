package io.cloudimages.ims.auth.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for the secret keys at rest: a random 12-byte nonce before the ciphertext and tag, the access
 * key as associated data so that a ciphertext cannot be moved to another key's row.
 */
public final class SecretCipher {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    /**
     * Per instance, created when the cipher is (at run time), never a static: Quarkus initialises application
     * classes while it builds a native executable, and a generator created then would be baked into the image,
     * seeded, giving every instance the same nonce sequence (repeated AES-GCM nonces lose its security).
     */
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(String base64Key) {
        this.key = new SecretKeySpec(keyBytes(base64Key), "AES");
    }

    /**
     * The key's bytes as this cipher reads the setting (surrounding white space ignored, padding optional): the
     * start guard compares these, not the spelling, with the development key.
     */
    public static byte[] keyBytes(String base64Key) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException("the SK encryption key (IMS_AUTH_SK_ENCRYPTION_KEY) must be 32 bytes, "
                    + "base64-encoded; generate one with: openssl rand -base64 32");
        }
        return raw;
    }

    public byte[] encrypt(String accessKey, String secretKey) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(accessKey.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secretKey.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available");
        }
    }

    /** The secret key, or {@code null} when the ciphertext does not open with this key (wrong key, tampered row). */
    public String decrypt(String accessKey, byte[] stored) {
        if (stored == null || stored.length <= NONCE_BYTES) {
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(accessKey.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }
}
