package io.cloudimages.ims.api.function;

import static io.cloudimages.ims.support.Api.JSON;
import static io.cloudimages.ims.support.Api.PATH;
import static io.cloudimages.ims.support.Api.patchAsOwner;
import static io.cloudimages.ims.support.Api.request;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimages.ims.demo.DemoData;
import io.cloudimages.ims.support.OfficialSdkSigner;
import io.cloudimages.ims.support.TestImages;
import static io.cloudimages.ims.support.ErrorAnswers.expectError;
import io.cloudimages.ims.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** The Funqy functions through Funqy HTTP (docs/behaviour.md §7). */
@QuarkusTest
class FunctionsTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    static Response invoke(String function, String body) {
        return request().header("X-Auth-Token", Tokens.forProject(DemoData.DEMO_PROJECT)).contentType(JSON)
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/" + function);
    }

    // ---- updateImage ------------------------------------------------------------------------------------

    @Test
    void updateImageAppliesThePatchAndAnswersTheImage() {
        String id = TestImages.create();
        invoke("updateImage", "{\"image_id\":\"" + id + "\",\"patch\":[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"fn\"},"
                + "{\"op\":\"add\",\"path\":\"/big\",\"value\":123456789012345678901234567890}]}")
                .then().statusCode(200).header("X-Request-Id", notNullValue())
                .body("status", equalTo(200)).body("image.name", equalTo("fn")).body("image.id", equalTo(id))
                .body("image.big", equalTo("123456789012345678901234567890"));
        assertEquals("fn", TestImages.load(id).name);
    }

    @Test
    void updateImageErrorsAreInTheResultWithTheRoutesStatusAndCode() {
        String id = TestImages.create();
        expectResultError(invoke("updateImage", "{\"image_id\":\"bad\",\"patch\":[]}"), 400, "IMG.0066");
        expectResultError(invoke("updateImage", "{\"image_id\":\"" + id + "\",\"patch\":{}}"), 400, "IMG.0001");
        expectResultError(invoke("updateImage", "{\"image_id\":\"" + id + "\",\"patch\":[{\"op\":\"add\",\"path\":\"/min_ram\",\"value\":5.0}]}"), 400, "IMG.0055");
        expectResultError(invoke("updateImage", "{\"image_id\":\"" + id + "\",\"patch\":[{\"op\":\"add\",\"path\":\"/min_ram\",\"value\":1e3}]}"), 400, "IMG.0055");
        expectResultError(invoke("updateImage", "{\"image_id\":\"" + id + "\",\"patch\":[{\"op\":\"add\",\"path\":\"/status\",\"value\":\"x\"}]}"), 403, "IMG.0105");
        expectResultError(invoke("updateImage", "{\"image_id\":\"5b1c1a8e-7a43-4c51-9d1f-0c0e7f1b2a06\",\"patch\":[]}"), 404, "IMG.0027");
        // Member names are case-sensitive, as over HTTP.
        expectResultError(invoke("updateImage", "{\"image_id\":\"" + id + "\",\"patch\":[{\"OP\":\"add\",\"path\":\"/a\",\"value\":\"x\"}]}"), 400, "IMG.0001");
        // Past 64 KiB of patch text, each string within the parsers' 64 KiB string limit.
        String operation = "{\"op\":\"add\",\"path\":\"/a\",\"value\":\"" + "x".repeat(1_000) + "\"}";
        String huge = "{\"image_id\":\"" + id + "\",\"patch\":["
                + String.join(",", java.util.Collections.nCopies(70, operation)) + "]}";
        expectResultError(invoke("updateImage", huge), 413, "IMG.0413");
    }

    @Test
    void requestsThatAreNotTheEventShapeAreHttp400() {
        expectError(invoke("updateImage", "not json"), 400, "IMG.0001");
        expectError(invoke("updateImage", ""), 400, "IMG.0001");
        expectError(invoke("updateImage", "[]"), 400, "IMG.0001");
        expectError(invoke("updateImage", "{\"patch\":[]}"), 400, "IMG.0001");
        expectError(invoke("updateImage", "{\"image_id\":1,\"patch\":[]}"), 400, "IMG.0001");
        expectError(invoke("updateImage", "{\"image_id\":\"a\",\"image_id\":\"b\",\"patch\":[]}"), 400, "IMG.0001");
        expectError(invoke("apig", "{\"path\":\"/v2/cloudimages/x\"}"), 400, "IMG.0001");
        expectError(invoke("apig", "{\"httpMethod\":\"PATCH\",\"path\":\"/v2/cloudimages/x\",\"headers\":{\"a\":[\"b\"]}}"),
                400, "IMG.0001");
        expectError(invoke("batchUpdateImages", "[1]"), 400, "IMG.0001");
    }

    @Test
    void functionsNeedCredentialsAndPost() {
        expectError(request().contentType(JSON).body("{\"image_id\":\"x\",\"patch\":[]}".getBytes()).post("/updateImage"),
                401, "APIGW.0301");
        expectError(request().contentType(JSON).body("{\"patch\":[]}".getBytes()).post("/batchUpdateImages"),
                401, "APIGW.0301");
        for (String function : new String[] {"updateImage", "apig", "batchUpdateImages"}) {
            Response get = request().queryParam("image_id", "x").get("/" + function);
            expectError(get, 405, "IMG.0405");
            get.then().header("Allow", "POST");
            expectError(request().body("{}").put("/" + function), 405, "IMG.0405");
        }
    }

    @Test
    void aFunctionsOwnRequestCanBeSignedWithAkSk() {
        String id = TestImages.create();
        String body = "{\"image_id\":\"" + id + "\",\"patch\":[{\"op\":\"add\",\"path\":\"/signed\",\"value\":\"yes\"}]}";
        Map<String, String> headers = OfficialSdkSigner.sign(OfficialSdkSigner.OWNER_AK, OfficialSdkSigner.OWNER_SK,
                DemoData.DEMO_PROJECT, "POST", "http://localhost:8081", "/updateImage", Map.of(), body);
        request().headers(headers).body(body.getBytes()).post("/updateImage").then().statusCode(200)
                .body("status", equalTo(200)).body("image.signed", equalTo("yes"));
    }

    // ---- apig ---------------------------------------------------------------------------------------------

    static String apigEvent(String method, String path, Map<String, String> headers, String body, boolean base64)
            throws Exception {
        ObjectNode event = MAPPER.createObjectNode();
        event.put("httpMethod", method);
        event.put("path", path);
        event.set("pathParameters", MAPPER.createObjectNode());
        event.set("queryStringParameters", MAPPER.createObjectNode());
        event.set("headers", MAPPER.valueToTree(headers));
        event.put("body", base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body);
        event.put("isBase64Encoded", base64);
        event.set("requestContext", MAPPER.createObjectNode().put("requestId", "r1"));
        return MAPPER.writeValueAsString(event);
    }

    static Response apig(String event) {
        return request().contentType(JSON).body(event.getBytes(StandardCharsets.UTF_8)).post("/apig");
    }

    @Test
    void apigAnswersExactlyWhatTheRouteAnswers() throws Exception {
        String id = TestImages.create();
        String token = Tokens.forProject(DemoData.DEMO_PROJECT);
        String patch = "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"same\"}]";
        Map<String, String> headers = Map.of("x-auth-token", token, "content-type", JSON, "x-request-id", "apig-1");
        patchAsOwner(id, patch).then().statusCode(200);
        Response route = patchAsOwner(id, patch);
        for (boolean base64 : new boolean[] {true, false}) {
            Response viaApig = apig(apigEvent("PATCH", PATH + id, headers, patch, base64));
            viaApig.then().statusCode(200).body("isBase64Encoded", equalTo(false))
                    .body("headers.X-Request-Id", equalTo("apig-1"));
            assertEquals(route.statusCode(), viaApig.jsonPath().getInt("statusCode"));
            assertEquals(route.asString(), viaApig.jsonPath().getString("body"));
        }
        // Errors too, byte for byte.
        String bad = "[{\"op\":\"move\",\"path\":\"/name\",\"value\":\"x\"}]";
        Response routeError = patchAsOwner(id, bad);
        Response apigError = apig(apigEvent("PATCH", PATH + id, headers, bad, true));
        assertEquals(400, apigError.jsonPath().getInt("statusCode"));
        assertEquals(routeError.asString(), apigError.jsonPath().getString("body"));
    }

    @Test
    void apigVerifiesSignaturesOverTheDescribedRequest() throws Exception {
        String id = TestImages.create();
        String patch = "[{\"op\":\"add\",\"path\":\"/from_apig\",\"value\":\"yes\"}]";
        Map<String, String> signed = OfficialSdkSigner.sign(OfficialSdkSigner.OWNER_AK, OfficialSdkSigner.OWNER_SK,
                DemoData.DEMO_PROJECT, "PATCH", "https://ims.example.com", PATH + id, Map.of(), patch);
        Response ok = apig(apigEvent("PATCH", PATH + id, signed, patch, true));
        assertEquals(200, ok.jsonPath().getInt("statusCode"), ok.asString());
        assertEquals("yes", TestImages.load(id).properties.get("from_apig"));
        Response tampered = apig(apigEvent("PATCH", PATH + id, signed, patch.replace("yes", "no"), false));
        assertEquals(401, tampered.jsonPath().getInt("statusCode"));
        assertEquals("APIGW.0301", MAPPER.readTree(tampered.jsonPath().getString("body")).at("/error/code").asText());
    }

    @Test
    void apigRefusesOtherRoutesMethodsAndBadBase64() throws Exception {
        Map<String, String> headers = Map.of("x-auth-token", Tokens.forProject(DemoData.DEMO_PROJECT), "content-type", JSON);
        String id = TestImages.create();
        assertEquals(405, apig(apigEvent("GET", PATH + id, headers, "", false)).jsonPath().getInt("statusCode"));
        assertEquals(404, apig(apigEvent("PATCH", "/v2/images/" + id, headers, "[]", false)).jsonPath().getInt("statusCode"));
        String event = apigEvent("PATCH", PATH + id, headers, "[]", true).replace("\"W10=\"", "\"%%%\"");
        assertEquals(400, apig(event).jsonPath().getInt("statusCode"));
        assertEquals(401, apig(apigEvent("PATCH", PATH + id, Map.of("content-type", JSON), "[]", false))
                .jsonPath().getInt("statusCode"));
    }

    static void expectResultError(Response response, int status, String code) {
        response.then().statusCode(200).contentType(JSON).body("status", equalTo(status)).body("error.code", equalTo(code))
                .body("error.message", notNullValue());
    }
}
