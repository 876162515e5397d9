package io.cloudimages.ims.auth;

import static io.cloudimages.ims.support.Api.JSON;
import static io.cloudimages.ims.support.Api.PATH;
import static io.cloudimages.ims.support.Api.request;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudimages.ims.demo.DemoData;
import io.cloudimages.ims.support.LogCapture;
import io.cloudimages.ims.support.OfficialSdkSigner;
import io.cloudimages.ims.support.TestImages;
import io.cloudimages.ims.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Nobody learns from a 401 whether an access key exists, is disabled or locked, or belongs to another project,
 * nor why a token was refused once its form was right: one message for every credential state, the real reason
 * in the log. Form faults still say what is wrong.
 */
@QuarkusTest
class CredentialRefusalsTest {
    static final String CREDENTIALS_MESSAGE = "Incorrect IAM authentication information: the credentials are not valid";

    static String message(Response response) {
        response.then().statusCode(401).contentType(JSON).body("error.code", equalTo("APIGW.0301"));
        return response.jsonPath().getString("error.message");
    }

    @Test
    void everyCredentialStateGetsTheSameAnswer() {
        String id = TestImages.create();
        AuthenticationTest.createKey("REFUSALDISABLED1", "disabled-secret", false);
        AuthenticationTest.createKey("REFUSALLOCKED001", "locked-secret", true);
        for (int i = 0; i < 5; i++) {
            AuthenticationTest.signedPatch("REFUSALLOCKED001", "wrong", null, id, "[]");
        }
        List<String> messages = new ArrayList<>();
        try (LogCapture log = LogCapture.start()) {
            messages.add(message(AuthenticationTest.signedPatch("REFUSALUNKNOWN01", "x", null, id, "[]")));
            messages.add(message(AuthenticationTest.signedPatch("REFUSALDISABLED1", "disabled-secret", null, id, "[]")));
            messages.add(message(AuthenticationTest.signedPatch("REFUSALLOCKED001", "locked-secret", null, id, "[]")));
            messages.add(message(AuthenticationTest.signedPatch(OfficialSdkSigner.OWNER_AK, OfficialSdkSigner.OWNER_SK,
                    DemoData.OTHER_PROJECT, id, "[]")));
            messages.add(message(AuthenticationTest.signedPatch(OfficialSdkSigner.OWNER_AK, "wrong", null, id, "[]")));
            long now = Instant.now().getEpochSecond();
            String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
            messages.add(message(token(Tokens.sign(header, "{\"iss\":\"" + Tokens.ISSUER + "\",\"exp\":" + (now - 600)
                    + ",\"project_id\":\"" + DemoData.DEMO_PROJECT + "\"}"), id)));
            messages.add(message(token(Tokens.sign(header, "{\"iss\":\"" + Tokens.ISSUER + "\",\"exp\":" + (now + 60)
                    + "}"), id)));
            messages.add(message(token(Tokens.sign(header, "{\"iss\":\"https://elsewhere\",\"exp\":" + (now + 60)
                    + ",\"project_id\":\"" + DemoData.DEMO_PROJECT + "\"}"), id)));
            // Longer than the documented maximum lifetime (24 hours).
            messages.add(message(token(Tokens.sign(header, "{\"iss\":\"" + Tokens.ISSUER + "\",\"exp\":"
                    + (now + 48 * 3600) + ",\"project_id\":\"" + DemoData.DEMO_PROJECT + "\"}"), id)));
            for (String message : messages) {
                assertEquals(CREDENTIALS_MESSAGE, message);
            }
            // The reasons are in the log, for operators.
            String lines = String.join("\n", log.lines());
            for (String reason : List.of("is unknown", "is disabled", "is locked", "not the key's project",
                    "signature does not match", "longer than ims.auth.token-max-lifetime")) {
                assertTrue(lines.contains(reason), "logged: " + reason);
            }
        }
        // A form fault says what is wrong.
        Response stale = AuthenticationTest.manuallySigned(OfficialSdkSigner.OWNER_AK, OfficialSdkSigner.OWNER_SK, id,
                "[]", Instant.now().minusSeconds(3600), "host;x-sdk-date", null);
        assertTrue(message(stale).contains("X-Sdk-Date"));
    }

    @Test
    void unknownAccessKeysAreRememberedForAMoment() {
        String id = TestImages.create();
        String ak = "REMEMBEREDUNKNOWN" + (System.nanoTime() % 1000);
        message(AuthenticationTest.signedPatch(ak, "remembered-secret", null, id, "[]"));
        AuthenticationTest.createKey(ak, "remembered-secret", true);
        // Created since, but still refused without a database lookup until the short negative cache expires.
        assertEquals(CREDENTIALS_MESSAGE, message(AuthenticationTest.signedPatch(ak, "remembered-secret", null, id, "[]")));
    }

    @Test
    void nonCanonicalTokensAreRefusedBeforeVerification() {
        String id = TestImages.create();
        String valid = Tokens.forProject(DemoData.DEMO_PROJECT);
        token(valid, id).then().statusCode(200);
        // jose4j would skip what follows a '=' and bytes outside the alphabet: neither reaches it.
        assertTrue(message(token(valid + "=" + "A".repeat(15_000), id)).contains("compact JWT"));
        int lastDot = valid.lastIndexOf('.');
        String bang = valid.substring(0, lastDot + 5) + "!" + valid.substring(lastDot + 5);
        assertTrue(message(token(bang, id)).contains("compact JWT"));
        assertTrue(message(token(valid + "." + "A".repeat(8 * 1024), id)).contains("compact JWT"));
    }

    @Test
    void securityHeadersSentTwiceAreRefused() {
        String id = TestImages.create();
        String token = Tokens.forProject(DemoData.DEMO_PROJECT);
        Response twice = request().header("X-Auth-Token", token).header("X-Auth-Token", token).contentType(JSON)
                .body("[]".getBytes(StandardCharsets.UTF_8)).patch(PATH + id);
        assertTrue(message(twice).contains("more than once"));
        request().header("X-Auth-Token", token).header("Content-Type", JSON).header("Content-Type", "text/plain")
                .body("[]".getBytes(StandardCharsets.UTF_8)).patch(PATH + id)
                .then().statusCode(415).body("error.code", equalTo("IMG.0415"));
    }

    @Test
    void apigEventHeadersAreHeldToTheSameRules() throws Exception {
        String id = TestImages.create();
        String token = Tokens.forProject(DemoData.DEMO_PROJECT);
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        String repeated = mapper.writeValueAsString(Map.of("httpMethod", "PATCH", "path", PATH + id, "body", "[]",
                "headers", Map.of("x-auth-token", token, "X-Auth-Token", token, "content-type", JSON)));
        request().header("X-Auth-Token", token).contentType(JSON).body(repeated.getBytes(StandardCharsets.UTF_8))
                .post("/apig").then().statusCode(200).body("statusCode", equalTo(401));
        String lineBreak = mapper.writeValueAsString(Map.of("httpMethod", "PATCH", "path", PATH + id, "body", "[]",
                "headers", Map.of("x-auth-token", token, "content-type", JSON + "\r\nX-Project-Id: x")));
        request().contentType(JSON).body(lineBreak.getBytes(StandardCharsets.UTF_8)).post("/apig")
                .then().statusCode(400).body("error.code", equalTo("IMG.0001"))
                .body("error.message", containsString("APIG"));
    }

    static Response token(String token, String id) {
        return request().header("X-Auth-Token", token).contentType(JSON).body("[]".getBytes(StandardCharsets.UTF_8))
                .patch(PATH + id);
    }
}
