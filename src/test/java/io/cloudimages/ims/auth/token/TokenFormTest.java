package io.cloudimages.ims.auth.token;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Only the compact JWS form is read: three non-empty base64url segments, two dots, nothing else. */
class TokenFormTest {

    @Test
    void theCompactFormIsAccepted() {
        assertTrue(TokenAuthenticator.isCompact("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln-_09AZaz"));
        assertTrue(TokenAuthenticator.isCompact("a.b.c"));
    }

    @Test
    void everythingElseIsRefused() {
        for (String token : new String[]{"", "a", "a.b", "a.b.c.d", ".b.c", "a..c", "a.b.", "a.b.c=", "a+b.c.d",
                "a/b.c.d", "a.b.c ", " a.b.c", "a.b.c\n", "a.b.\u00e9", "a.b.c!"}) {
            assertFalse(TokenAuthenticator.isCompact(token), token);
        }
    }
}
