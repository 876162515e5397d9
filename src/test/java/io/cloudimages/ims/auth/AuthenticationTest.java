package io.cloudimages.ims.auth;

import static io.cloudimages.ims.support.Api.JSON;
import static io.cloudimages.ims.support.Api.PATH;
import static io.cloudimages.ims.support.Api.patchWithToken;
import static io.cloudimages.ims.support.Api.request;
import static io.cloudimages.ims.support.OfficialSdkSigner.ADMIN_AK;
import static io.cloudimages.ims.support.OfficialSdkSigner.ADMIN_SK;
import static io.cloudimages.ims.support.OfficialSdkSigner.OTHER_AK;
import static io.cloudimages.ims.support.OfficialSdkSigner.OTHER_SK;
import static io.cloudimages.ims.support.OfficialSdkSigner.OWNER_AK;
import static io.cloudimages.ims.support.OfficialSdkSigner.OWNER_SK;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudimages.ims.auth.signing.AccessKeyEntity;
import io.cloudimages.ims.auth.signing.SecretCipher;
import io.cloudimages.ims.demo.DemoData;
import io.cloudimages.ims.demo.DevDefaults;
import io.cloudimages.ims.persistence.ImageEntity;
import io.cloudimages.ims.support.LogCapture;
import io.cloudimages.ims.support.OfficialSdkSigner;
import io.cloudimages.ims.support.TestImages;
import io.cloudimages.ims.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** docs/behaviour.md §5 and the ownership rules of section 3, with the official SDK's signer as the client. */
@QuarkusTest
public class AuthenticationTest {
    static final String ENDPOINT = "http://localhost:8081";
    static LogCapture logs;

    @TestHTTPResource("/")
    URI root;

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.start();
    }

    @AfterAll
    static void noSecretInAnyLogLine() {
        logs.close();
        List<String> secrets = new ArrayList<>();
        DemoData.CREDENTIALS.forEach(c -> secrets.add(c.get(1)));
        secrets.add(Tokens.forProject(DemoData.DEMO_PROJECT).split("\\.")[0] + ".");
        secrets.add(DevDefaults.SK_ENCRYPTION_KEY);
        List<String> lines = logs.lines();
        assertFalse(lines.isEmpty(), "the capture saw the application's log");
        for (String line : lines) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "a secret reached the log: " + line);
            }
        }
    }

    static Response signedPatch(String ak, String sk, String projectId, String imageId, String body) {
        Map<String, String> headers = OfficialSdkSigner.sign(ak, sk, projectId, "PATCH", ENDPOINT, PATH + imageId,
                Map.of(), body);
        return request().headers(headers).body(body.getBytes(StandardCharsets.UTF_8)).patch(PATH + imageId);
    }

    /** A request signed by the official SDK, for other test classes. */
    public static Response signedPatchForTests(String ak, String sk, String imageId, String body) {
        return signedPatch(ak, sk, null, imageId, body);
    }

    static void expect401(Response response) {
        response.then().statusCode(401).contentType(JSON).body("error.code", equalTo("APIGW.0301"))
                .body("error.message", startsWith("Incorrect IAM authentication information: "));
    }

    // ---- AK/SK with the official signer ---------------------------------------------------------------------

    @Test
    void theOfficialSdkSignatureIsAccepted() {
        String id = TestImages.create();
        signedPatch(OWNER_AK, OWNER_SK, DemoData.DEMO_PROJECT, id, "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"sdk\"}]")
                .then().statusCode(200).body("name", equalTo("sdk"));
        // Without X-Project-Id too.
        signedPatch(OWNER_AK, OWNER_SK, null, id, "[]").then().statusCode(200);
    }

    @Test
    void queryParametersAreSignedAsTheSdkSignsThem() {
        String id = TestImages.create();
        Map<String, List<String>> query = Map.of("b", List.of("2 x*"), "a", List.of("1"));
        Map<String, String> headers = OfficialSdkSigner.sign(OWNER_AK, OWNER_SK, DemoData.DEMO_PROJECT, "PATCH",
                ENDPOINT, PATH + id, query, "[]");
        request().urlEncodingEnabled(false).headers(headers).body("[]".getBytes())
                .patch(PATH + id + "?b=2%20x%2A&a=1").then().statusCode(200);
        // The same signature over a changed query is refused.
        expect401(request().urlEncodingEnabled(false).headers(headers).body("[]".getBytes())
                .patch(PATH + id + "?b=2%20x%2A&a=2"));
    }

    @Test
    void aChunkedBodyIsHashedAsReceived() throws Exception {
        String id = TestImages.create();
        String body = "[{\"op\":\"add\",\"path\":\"/chunked\",\"value\":\"yes\"}]";
        Map<String, String> headers = OfficialSdkSigner.sign(OWNER_AK, OWNER_SK, DemoData.DEMO_PROJECT, "PATCH",
                ENDPOINT, PATH + id, Map.of(), body);
        HttpRequest.Builder request = HttpRequest.newBuilder(root.resolve(PATH.substring(1) + id))
                .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))));
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Host")) {
                request.header(name, value);
            }
        });
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("yes", TestImages.load(id).properties.get("chunked"));
    }

    @Test
    void anyChangeToWhatWasSignedIsRefused() {
        String id = TestImages.create();
        String other = TestImages.create();
        String body = "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"signed\"}]";
        Map<String, String> headers = OfficialSdkSigner.sign(OWNER_AK, OWNER_SK, DemoData.DEMO_PROJECT, "PATCH",
                ENDPOINT, PATH + id, Map.of(), body);
        // Tampered body, path, a signed header.
        expect401(request().headers(headers).body(body.replace("signed", "tampered").getBytes()).patch(PATH + id));
        expect401(request().headers(headers).body(body.getBytes()).patch(PATH + other));
        Map<String, String> agent = new HashMap<>(headers);
        agent.put("User-Agent", "something-else");
        expect401(request().headers(agent).body(body.getBytes()).patch(PATH + id));
        assertEquals("ims_demo", TestImages.load(id).name);
        // The untouched request still passes.
        request().headers(headers).body(body.getBytes()).patch(PATH + id).then().statusCode(200);
    }

    @Test
    void credentialFaultsAre401() {
        String id = TestImages.create();
        expect401(request().contentType(JSON).body("[]".getBytes()).patch(PATH + id));
        expect401(signedPatch("NOSUCHAK", "whatever", null, id, "[]"));
        expect401(signedPatch(OWNER_AK, "wrong-secret", null, id, "[]"));
        expect401(signedPatch(OWNER_AK, OWNER_SK, DemoData.OTHER_PROJECT, id, "[]"));
        expect401(request().header("Authorization", "SDK-HMAC-SHA256 garbage").contentType(JSON).body("[]".getBytes())
                .patch(PATH + id));
        expect401(request().header("Authorization", "Bearer abc").contentType(JSON).body("[]".getBytes()).patch(PATH + id));
        // Both schemes at once.
        Map<String, String> headers = OfficialSdkSigner.sign(OWNER_AK, OWNER_SK, null, "PATCH", ENDPOINT, PATH + id,
                Map.of(), "[]");
        expect401(request().headers(headers).header("X-Auth-Token", Tokens.forProject(DemoData.DEMO_PROJECT))
                .body("[]".getBytes()).patch(PATH + id));
        // Still before the content type: 401 comes first.
        expect401(request().contentType("text/plain").body("[]".getBytes()).patch(PATH + "not-a-uuid"));
    }

    @Test
    void sdkDateMustBeWithinFifteenMinutes() {
        String id = TestImages.create();
        expect401(manuallySigned(OWNER_AK, OWNER_SK, id, "[]", Instant.now().minusSeconds(16 * 60), "host;x-sdk-date", null));
        expect401(manuallySigned(OWNER_AK, OWNER_SK, id, "[]", Instant.now().plusSeconds(16 * 60), "host;x-sdk-date", null));
        manuallySigned(OWNER_AK, OWNER_SK, id, "[]", Instant.now().minusSeconds(14 * 60), "host;x-sdk-date", null)
                .then().statusCode(200);
    }

    @Test
    void signedHeadersMustIncludeHostAndSdkDate() {
        String id = TestImages.create();
        expect401(manuallySigned(OWNER_AK, OWNER_SK, id, "[]", Instant.now(), "x-sdk-date", null));
        expect401(manuallySigned(OWNER_AK, OWNER_SK, id, "[]", Instant.now(), "content-type;host", null));
        manuallySigned(OWNER_AK, OWNER_SK, id, "[]", Instant.now(), "content-type;host;x-sdk-date", null)
                .then().statusCode(200);
    }

    @Test
    void declaredContentHashMustMatchTheBody() {
        String id = TestImages.create();
        String hash = io.cloudimages.ims.auth.signing.SdkSignature.sha256Hex("[]".getBytes());
        manuallySigned(OWNER_AK, OWNER_SK, id, "[]", Instant.now(), "host;x-sdk-date", hash).then().statusCode(200);
        expect401(manuallySigned(OWNER_AK, OWNER_SK, id, "[]", Instant.now(), "host;x-sdk-date", "UNSIGNED-PAYLOAD"));
        expect401(manuallySigned(OWNER_AK, OWNER_SK, id, "[]", Instant.now(), "host;x-sdk-date", "0".repeat(64)));
    }

    @Test
    void disabledKeysAreRefused() {
        createKey("TESTDISABLED0001", "disabled-secret", false);
        String id = TestImages.create();
        expect401(signedPatch("TESTDISABLED0001", "disabled-secret", null, id, "[]"));
        // The same key, enabled, passes: being disabled is what refused it.
        QuarkusTransaction.requiringNew().run(() -> AccessKeyEntity.update("enabled = true where accessKey = ?1",
                "TESTDISABLED0001"));
        signedPatch("TESTDISABLED0001", "disabled-secret", null, id, "[]").then().statusCode(200);
    }

    /**
     * A key that signed correctly is remembered for ims.auth.access-key-cache (5 s): disabled in the database
     * meanwhile, it stops working once that has passed (bounded here by a generous 30 s), not never.
     */
    @Test
    void aRememberedKeyDisabledInTheDatabaseStopsWorkingOnceTheCachePeriodHasPassed() throws InterruptedException {
        createKey("TESTDISABLED0002", "disabled-later", true);
        String id = TestImages.create();
        signedPatch("TESTDISABLED0002", "disabled-later", null, id, "[]").then().statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> AccessKeyEntity.update("enabled = false where accessKey = ?1",
                "TESTDISABLED0002"));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        int status = 200;
        while (status == 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = signedPatch("TESTDISABLED0002", "disabled-later", null, id, "[]").statusCode();
        }
        assertEquals(401, status, "the disabled key is refused once the cache period has passed");
    }

    @Test
    void fiveMismatchesLockTheKeyForFiveMinutes() {
        String ak = "TESTLOCKOUT00001";
        String sk = "lockout-secret";
        createKey(ak, sk, true);
        String id = TestImages.create();
        // A correct request between mismatches resets the count.
        for (int i = 0; i < 4; i++) {
            expect401(signedPatch(ak, "wrong", null, id, "[]"));
        }
        signedPatch(ak, sk, null, id, "[]").then().statusCode(200);
        for (int i = 0; i < 4; i++) {
            expect401(signedPatch(ak, "wrong", null, id, "[]"));
        }
        signedPatch(ak, sk, null, id, "[]").then().statusCode(200);
        // Stale dates do not count.
        for (int i = 0; i < 6; i++) {
            expect401(manuallySigned(ak, "wrong", id, "[]", Instant.now().minusSeconds(3600), "host;x-sdk-date", null));
        }
        signedPatch(ak, sk, null, id, "[]").then().statusCode(200);
        for (int i = 0; i < 5; i++) {
            expect401(signedPatch(ak, "wrong", null, id, "[]"));
        }
        expect401(signedPatch(ak, sk, null, id, "[]"));
        AccessKeyEntity locked = QuarkusTransaction.requiringNew().call(() -> AccessKeyEntity.findById(ak));
        assertTrue(locked.lockedUntil.isAfter(Instant.now().plusSeconds(4 * 60)));
        assertTrue(locked.lockedUntil.isBefore(Instant.now().plusSeconds(5 * 60 + 5)));
        // Once the lock has expired, correctly signed requests pass again.
        QuarkusTransaction.requiringNew().run(() -> AccessKeyEntity.update(
                "lockedUntil = ?1 where accessKey = ?2", Instant.now().minusSeconds(1), ak));
        signedPatch(ak, sk, null, id, "[]").then().statusCode(200);
    }

    @Test
    void secretsAreStoredEncrypted() {
        AccessKeyEntity key = QuarkusTransaction.requiringNew().call(() -> AccessKeyEntity.findById(OWNER_AK));
        assertFalse(new String(key.secretKeyCiphertext, StandardCharsets.ISO_8859_1).contains(OWNER_SK));
        assertEquals(OWNER_SK, new SecretCipher(DevDefaults.SK_ENCRYPTION_KEY).decrypt(OWNER_AK, key.secretKeyCiphertext));
        assertEquals(null, new SecretCipher(DevDefaults.SK_ENCRYPTION_KEY).decrypt(OTHER_AK, key.secretKeyCiphertext));
    }

    // ---- X-Auth-Token ---------------------------------------------------------------------------------------

    @Test
    void tokenFaultsAre401() throws Exception {
        String id = TestImages.create();
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"" + Tokens.ISSUER + "\",\"exp\":" + (now + 600) + ",\"project_id\":\"" + DemoData.DEMO_PROJECT + "\"}";
        // Every refused request carries a real change: none of them may reach the image.
        String change = "[{\"op\":\"add\",\"path\":\"/token_fault\",\"value\":\"written\"}]";
        patchWithToken(Tokens.sign(header, claims), id, "[]").then().statusCode(200);
        expect401(patchWithToken(Tokens.sign(header, claims.replace(String.valueOf(now + 600), String.valueOf(now - 600))), id, change));
        expect401(patchWithToken(Tokens.sign(header, claims.replace(Tokens.ISSUER, "https://evil.example")), id, change));
        expect401(patchWithToken(Tokens.sign(header, "{\"iss\":\"" + Tokens.ISSUER + "\",\"exp\":" + (now + 600) + "}"), id, change));
        expect401(patchWithToken(Tokens.sign(header, claims.replace(DemoData.DEMO_PROJECT, "not-hex")), id, change));
        expect401(patchWithToken(Tokens.sign(header, "{\"iss\":\"" + Tokens.ISSUER + "\",\"project_id\":\"" + DemoData.DEMO_PROJECT + "\"}"), id, change));
        expect401(patchWithToken("not.a.token", id, change));
        expect401(patchWithToken("", id, change));
        // Signed by another key.
        var pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(header.getBytes()) + "." + b64.encodeToString(claims.getBytes());
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(pair.getPrivate());
        rsa.update(input.getBytes());
        expect401(patchWithToken(input + "." + b64.encodeToString(rsa.sign()), id, change));
        // Unsigned and symmetric algorithms are not accepted.
        expect401(patchWithToken(b64.encodeToString("{\"alg\":\"none\"}".getBytes()) + "."
                + b64.encodeToString(claims.getBytes()) + ".", id, change));
        // A tampered payload.
        String good = Tokens.sign(header, claims);
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + b64.encodeToString(claims.replace(DemoData.DEMO_PROJECT, DemoData.OTHER_PROJECT)
                .getBytes()) + "." + parts[2];
        expect401(patchWithToken(tampered, id, change));
        assertEquals(TestImages.load(id).createdAt, TestImages.load(id).updatedAt);
        assertFalse(TestImages.load(id).properties.containsKey("token_fault"));
        // The same change with a valid token is written: the refusals above are what kept it out.
        patchWithToken(Tokens.sign(header, claims), id, change).then().statusCode(200);
        assertEquals("written", TestImages.load(id).properties.get("token_fault"));
    }

    // ---- authorization matrix -------------------------------------------------------------------------------

    @Test
    void authorizationMatrixOverTheDemoImages() {
        String owned = TestImages.create();
        String foreign = TestImages.create(image -> image.owner = DemoData.OTHER_PROJECT);
        String gold = TestImages.create(image -> {
            image.owner = DemoData.ADMIN_PROJECT;
            image.imageType = "gold";
            image.visibility = "public";
        });
        String deleted = TestImages.create(image -> {
            image.status = "deleted";
            image.deleted = true;
        });
        // Each caller writes an attribute of its own, so a refused write would show on the image it targeted.
        String byOwner = "[{\"op\":\"add\",\"path\":\"/by_owner\",\"value\":\"yes\"}]";
        String byOther = "[{\"op\":\"add\",\"path\":\"/by_other\",\"value\":\"yes\"}]";
        String byAdmin = "[{\"op\":\"add\",\"path\":\"/by_admin\",\"value\":\"yes\"}]";
        String byRole = "[{\"op\":\"add\",\"path\":\"/by_role\",\"value\":\"yes\"}]";
        // owner
        signedPatch(OWNER_AK, OWNER_SK, null, owned, byOwner).then().statusCode(200);
        signedPatch(OWNER_AK, OWNER_SK, null, foreign, byOwner).then().statusCode(404).body("error.code", equalTo("IMG.0027"));
        signedPatch(OWNER_AK, OWNER_SK, null, gold, byOwner).then().statusCode(403).body("error.code", equalTo("IMG.0083"));
        signedPatch(OWNER_AK, OWNER_SK, null, deleted, byOwner).then().statusCode(404).body("error.code", equalTo("IMG.0027"));
        // another project
        signedPatch(OTHER_AK, OTHER_SK, null, owned, byOther).then().statusCode(404).body("error.code", equalTo("IMG.0027"));
        signedPatch(OTHER_AK, OTHER_SK, null, foreign, byOther).then().statusCode(200);
        signedPatch(OTHER_AK, OTHER_SK, null, gold, byOther).then().statusCode(403).body("error.code", equalTo("IMG.0083"));
        // admin
        signedPatch(ADMIN_AK, ADMIN_SK, null, gold, byAdmin).then().statusCode(200);
        signedPatch(ADMIN_AK, ADMIN_SK, null, deleted, byAdmin).then().statusCode(404);
        // the token's roles claim works the same way
        patchWithToken(Tokens.forProject(DemoData.DEMO_PROJECT, "admin"), foreign, byRole).then().statusCode(200);
        patchWithToken(Tokens.forProject(DemoData.DEMO_PROJECT, "member"), gold, byRole).then().statusCode(403);

        assertEquals(java.util.Set.of("by_owner"), TestImages.load(owned).properties.keySet());
        assertEquals(java.util.Set.of("by_other", "by_role"), TestImages.load(foreign).properties.keySet());
        assertEquals(java.util.Set.of("by_admin"), TestImages.load(gold).properties.keySet());
        ImageEntity stillDeleted = TestImages.load(deleted);
        assertTrue(stillDeleted.properties.isEmpty());
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** Signs with the function's own SdkSignature where a test needs what the SDK can't do (stale dates...). */
    static Response manuallySigned(String ak, String sk, String id, String body, Instant date, String signedHeaders,
                                   String contentHash) {
        String sdkDate = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(date);
        Map<String, String> headers = new HashMap<>();
        headers.put("host", "localhost:8081");
        headers.put("x-sdk-date", sdkDate);
        headers.put("content-type", JSON);
        List<String> signed = List.of(signedHeaders.split(";"));
        String payload = contentHash != null ? contentHash
                : io.cloudimages.ims.auth.signing.SdkSignature.sha256Hex(body.getBytes(StandardCharsets.UTF_8));
        String canonical = io.cloudimages.ims.auth.signing.SdkSignature.canonicalRequest("PATCH", PATH + id, List.of(),
                signed, headers::get, payload);
        String signature = io.cloudimages.ims.auth.signing.SdkSignature.sign(sk,
                io.cloudimages.ims.auth.signing.SdkSignature.stringToSign(sdkDate, canonical));
        RequestSpecification spec = request().header("X-Sdk-Date", sdkDate).contentType(JSON)
                .header("Authorization", "SDK-HMAC-SHA256 Access=" + ak + ", SignedHeaders=" + signedHeaders
                        + ", Signature=" + signature);
        if (contentHash != null) {
            spec.header("X-Sdk-Content-Sha256", contentHash);
        }
        return spec.body(body.getBytes(StandardCharsets.UTF_8)).patch(PATH + id);
    }

    static void createKey(String ak, String sk, boolean enabled) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (AccessKeyEntity.findById(ak) != null) {
                return;
            }
            AccessKeyEntity key = new AccessKeyEntity();
            key.accessKey = ak;
            key.secretKeyCiphertext = new SecretCipher(DevDefaults.SK_ENCRYPTION_KEY).encrypt(ak, sk);
            key.projectId = DemoData.DEMO_PROJECT;
            key.roles = List.of();
            key.enabled = enabled;
            key.persist();
        });
    }
}
