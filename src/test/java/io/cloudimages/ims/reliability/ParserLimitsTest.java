package io.cloudimages.ims.reliability;

import static io.cloudimages.ims.support.Api.JSON;
import static io.cloudimages.ims.support.Api.patchAsOwner;
import static io.cloudimages.ims.support.Api.request;
import static io.cloudimages.ims.support.ErrorAnswers.expectError;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudimages.ims.demo.DemoData;
import io.cloudimages.ims.support.LogCapture;
import io.cloudimages.ims.support.TestImages;
import io.cloudimages.ims.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One set of parser limits for every document and every entry point: a patch past any of them is the same
 * 400 IMG.0001 over the route, inside an APIG event, and as a function event; never a 5xx or a stack trace.
 */
@QuarkusTest
class ParserLimitsTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    static List<String> patchesPastALimit() {
        return List.of(
                "[{\"op\":\"add\",\"path\":\"/min_ram\",\"value\":" + "1".repeat(1_001) + "}]",
                "[{\"op\":\"add\",\"path\":\"/a\",\"value\":\"x\",\"" + "n".repeat(1_025) + "\":1}]",
                "[{\"op\":\"add\",\"path\":\"/a\",\"value\":\"x\",\"extra\":\"" + "s".repeat(64 * 1024 + 1) + "\"}]",
                "[{\"op\":\"add\",\"path\":\"/a\",\"value\":\"x\",\"extra\":" + "[".repeat(70) + "]".repeat(70) + "}]");
    }

    static Response function(String name, String body) {
        return request().header("X-Auth-Token", Tokens.forProject(DemoData.DEMO_PROJECT)).contentType(JSON)
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/" + name);
    }

    @Test
    void everyEntryPointRefusesADocumentPastALimitAlike() throws Exception {
        String id = TestImages.create();
        try (LogCapture log = LogCapture.start()) {
            for (String patch : patchesPastALimit()) {
                if (patch.length() <= 64 * 1024) {
                    expectError(patchAsOwner(id, patch), 400, "IMG.0001");
                    String event = MAPPER.writeValueAsString(Map.of("httpMethod", "PATCH",
                            "path", "/v2/cloudimages/" + id, "body", patch,
                            "headers", Map.of("x-auth-token", Tokens.forProject(DemoData.DEMO_PROJECT),
                                    "content-type", JSON)));
                    function("apig", event).then().statusCode(200).body("statusCode", equalTo(400))
                            .body("body", containsString("IMG.0001"));
                }
                expectError(function("updateImage", "{\"image_id\":\"" + id + "\",\"patch\":" + patch + "}"), 400,
                        "IMG.0001");
                expectError(function("batchUpdateImages", "{\"patch\":" + patch + ",\"dry_run\":true}"), 400,
                        "IMG.0001");
            }
            log.assertNoStackTraces();
        }
    }
}
