package io.cloudimages.ims.api.functiongraph;

import static io.cloudimages.ims.support.Api.JSON;
import static io.cloudimages.ims.support.Api.request;
import static io.cloudimages.ims.support.ErrorAnswers.expectError;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudimages.ims.demo.DemoData;
import io.cloudimages.ims.support.TestImages;
import io.cloudimages.ims.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** FunctionGraph's own event shapes on POST /invoke, with ims.functiongraph.enabled=true. */
@QuarkusTest
@TestProfile(FunctionGraphTest.Enabled.class)
class FunctionGraphTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    public static class Enabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ims.functiongraph.enabled", "true");
        }
    }

    static Response invoke(String event, String cffRequestId) {
        var spec = request().contentType(JSON).body(event.getBytes(StandardCharsets.UTF_8));
        if (cffRequestId != null) {
            spec.header("X-CFF-Request-Id", cffRequestId);
        }
        return spec.post("/invoke");
    }

    @Test
    void initAnswersAnEmptyObject() {
        request().contentType(JSON).body("{}").post("/init").then().statusCode(200).body(equalTo("{}"));
    }

    @Test
    void anApiGatewayEventIsAnsweredExactlyAsTheApigFunctionAnswersIt() throws Exception {
        String id = TestImages.create();
        String event = MAPPER.writeValueAsString(Map.of("httpMethod", "PATCH", "path", "/v2/cloudimages/" + id,
                "body", "[{\"op\":\"add\",\"path\":\"/via\",\"value\":\"invoke\"}]",
                "headers", Map.of("x-auth-token", Tokens.forProject(DemoData.DEMO_PROJECT), "content-type", JSON,
                        "x-request-id", "described-1"),
                "isBase64Encoded", false));
        String cff = "cff-" + UUID.randomUUID();
        Response viaInvoke = invoke(event, cff);
        viaInvoke.then().statusCode(200).header("X-Request-Id", cff).body("statusCode", equalTo(200));
        Response viaApig = request().header("X-Auth-Token", Tokens.forProject(DemoData.DEMO_PROJECT)).contentType(JSON)
                .body(event.getBytes(StandardCharsets.UTF_8)).post("/apig");
        var a = MAPPER.readTree(viaInvoke.asByteArray());
        var b = MAPPER.readTree(viaApig.asByteArray());
        assertEquals(b.get("statusCode"), a.get("statusCode"));
        assertEquals(b.get("headers").get("X-Request-Id"), a.get("headers").get("X-Request-Id"));
        // The bodies differ only in updated_at, which the second call may or may not change (same second).
        assertEquals(MAPPER.readTree(b.get("body").asText()).get("via"), MAPPER.readTree(a.get("body").asText()).get("via"));
        assertEquals("invoke", TestImages.load(id).properties.get("via"));
    }

    @Test
    void aTimerEventRunsItsScopedJobWithinTheInvocation() throws Exception {
        String project = UUID.randomUUID().toString().replace("-", "");
        String first = TestImages.create(image -> image.owner = project);
        String second = TestImages.create(image -> image.owner = project);
        String job = "{\"selector\":{\"owner\":\"" + project + "\"},"
                + "\"patch\":[{\"op\":\"add\",\"path\":\"/timer\",\"value\":\"yes\"}]}";
        String event = MAPPER.writeValueAsString(Map.of("version", "v1.0", "time", "2026-11-28T03:00:00+08:00",
                "trigger_type", "TIMER", "trigger_name", "nightly", "user_event", job));
        String runId = invoke(event, null).then().statusCode(200).body("status", equalTo(200)).body("matched", equalTo(2))
                .body("changed", equalTo(2)).extract().path("run_id");
        assertEquals("yes", TestImages.load(first).properties.get("timer"));
        assertEquals("yes", TestImages.load(second).properties.get("timer"));
        // A timer event can undo a run too (docs/behaviour.md §9.3).
        String undo = MAPPER.writeValueAsString(Map.of("trigger_type", "TIMER", "user_event", "{\"undo\":\"" + runId + "\"}"));
        invoke(undo, null).then().statusCode(200).body("status", equalTo(200)).body("changed", equalTo(2))
                .body("conflicts", equalTo(0));
        assertEquals(null, TestImages.load(first).properties.get("timer"));
        // A timer job must name its scope: refused whole, nothing touched.
        String unscoped = MAPPER.writeValueAsString(Map.of("trigger_type", "TIMER",
                "user_event", "{\"patch\":[{\"op\":\"add\",\"path\":\"/everywhere\",\"value\":\"x\"}]}"));
        invoke(unscoped, null).then().statusCode(200).body("status", equalTo(400))
                .body("error.code", equalTo("IMG.0001"));
    }

    @Test
    void anyOtherEventIsABadRequest() {
        expectError(invoke("{\"something\":\"else\"}", null), 400, "IMG.0001");
        expectError(invoke("not json", null), 400, "IMG.0001");
    }
}
