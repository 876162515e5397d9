package io.cloudimages.ims.reliability;

import static io.cloudimages.ims.support.Api.patchAsOwner;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudimages.ims.support.Api;
import io.cloudimages.ims.support.LogCapture;
import io.cloudimages.ims.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/** Values and names that look like SQL, JSON paths or log forgery are stored literally or refused. */
@QuarkusTest
class InjectionTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final List<String> VALUES = List.of(
            "'; drop table image; --",
            "\" or 1=1 --",
            "$..name",
            "{\"$gt\": \"\"}",
            "properties ->> 'x'",
            "line one\n2026-01-01T00:00:00Z ERROR forged entry",
            "\u001b[31mred\u001b[0m",
            "\r\n\r\nHTTP/1.1 200 OK",
            "%s %n %x ${jndi:ldap://example.invalid/a}");

    @Test
    void injectedValuesAreStoredLiterallyAndNeverReachALogLine() throws Exception {
        LogCapture logs = LogCapture.start();
        try {
            String id = TestImages.create();
            for (int i = 0; i < VALUES.size(); i++) {
                String value = MAPPER.writeValueAsString(VALUES.get(i));
                patchAsOwner(id, "[{\"op\":\"add\",\"path\":\"/v" + i + "\",\"value\":" + value + "}]")
                        .then().statusCode(200).body("v" + i, equalTo(VALUES.get(i)));
            }
            Map<String, String> stored = TestImages.load(id).properties;
            for (int i = 0; i < VALUES.size(); i++) {
                assertEquals(VALUES.get(i), stored.get("v" + i));
            }
            // Names that are not extension names are refused, whatever they carry.
            for (String name : List.of("a'b", "$.x", "x;drop", "x\n2026 ERROR forged", "\u001b[31m", "a\"b")) {
                String pointer = MAPPER.writeValueAsString("/" + name);
                patchAsOwner(id, "[{\"op\":\"add\",\"path\":" + pointer + ",\"value\":\"v\"}]")
                        .then().statusCode(400).body("error.code", equalTo("IMG.0001"));
            }
            // Hostile credentials, with a current date so that they reach the code that reads them, are refused and
            // logged by reason only.
            String now = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                    .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now());
            Api.request().header("Authorization", "SDK-HMAC-SHA256 Access=x\u001b[31m, SignedHeaders=host;x-sdk-date, "
                    + "Signature=" + "a".repeat(64)).header("X-Sdk-Date", now)
                    .contentType("application/json").body("[]").patch("/v2/cloudimages/" + id).then().statusCode(401);
            Api.request().header("Authorization", "SDK-HMAC-SHA256 Access=DEMOAK0B1E494E2660441A, "
                    + "SignedHeaders=host;x-sdk-date, Signature=" + "a".repeat(64)).header("X-Sdk-Date", now)
                    .header("X-Project-Id", "\u001b[31mdrop table")
                    .contentType("application/json").body("[]").patch("/v2/cloudimages/" + id).then().statusCode(401);
            assertTrue(TestImages.load(id) != null, "the table is still there");
        } finally {
            logs.close();
        }
        for (String line : logs.lines()) {
            assertFalse(line.contains("forged") || line.contains("\u001b") || line.contains("drop table"), line);
        }
    }
}
