package io.cloudimages.ims.api.http;

import static io.cloudimages.ims.support.Api.JSON;
import static io.cloudimages.ims.support.Api.PATH;
import static io.cloudimages.ims.support.Api.patchAsOwner;
import static io.cloudimages.ims.support.Api.request;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudimages.ims.demo.DemoData;
import io.cloudimages.ims.persistence.ImageEntity;
import io.cloudimages.ims.support.TestImages;
import static io.cloudimages.ims.support.ErrorAnswers.expectError;
import io.cloudimages.ims.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/** The HTTP route against the embedded PostgreSQL: shapes, statuses and codes of docs/behaviour.md §1 to 4. */
@QuarkusTest
class PatchImageRouteTest {
    static final String EXAMPLE_REQUEST = "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"ims_test\"}]";
    static final ObjectMapper JSON_MAPPER = new ObjectMapper();

    @Test
    void theExampleRequestAnswersTheExampleResponse() throws Exception {
        // The seeded demo image: the only image whose id matches the example's (no other test changes it).
        String id = DemoData.DEMO_IMAGE_ID;
        Response response = patchAsOwner(id, EXAMPLE_REQUEST);
        response.then().statusCode(200).contentType(JSON);
        JsonNode actual = JSON_MAPPER.readTree(response.asByteArray());
        JsonNode expected = JSON_MAPPER.readTree(Files.readAllBytes(Path.of("src/test/resources/ims-example-response.json")));
        assertEquals(expected.size(), actual.size(), "same members: " + actual);
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            JsonNode value = actual.get(member.getKey());
            assertTrue(value != null, "missing " + member.getKey());
            assertEquals(member.getValue().getNodeType(), value.getNodeType(), member.getKey());
            if (!member.getKey().equals("updated_at")) {
                assertEquals(member.getValue(), value, member.getKey());
            }
        }
        assertTrue(actual.get("updated_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
        assertNotEquals("2015-12-04T09:45:33Z", actual.get("updated_at").asText());
        // The member order of the example is kept too.
        assertEquals(iterableToString(expected.fieldNames()), iterableToString(actual.fieldNames()));
        assertEquals("ims_test", TestImages.load(id).name);
    }

    @Test
    void theDemoImageIsSeededAsTheSourceDocumentDescribesIt() {
        assertEquals("0b1e494e2660441a957313163095fe5c", TestImages.load(DemoData.DEMO_IMAGE_ID).owner);
        ImageEntity xen = TestImages.load("5b1c1a8e-7a43-4c51-9d1f-0c0e7f1b2a01");
        assertEquals(xen.createdAt, xen.updatedAt);
        assertEquals("demo-01", xen.name);
        assertEquals(Map.of("__support_xen", "true", "owner_team", "storage"), xen.properties);
    }

    @Test
    void extensionAndOptionalAttributesAreTopLevelMembersAndUnsetOnesAbsent() {
        String id = TestImages.create();
        patchAsOwner(id, """
                [{"op":"add","path":"/owner_team","value":"storage"},{"op":"add","path":"/max_ram","value":2048},
                 {"op":"add","path":"/__support_kvm","value":true},{"op":"add","path":"/count","value":7},
                 {"op":"remove","path":"/__description"},{"op":"replace","path":"/min_ram","value":"1024"}]""")
                .then().statusCode(200)
                .body("owner_team", equalTo("storage"))
                .body("max_ram", equalTo("2048"))
                .body("min_ram", equalTo(1024))
                .body("__support_kvm", equalTo("true"))
                .body("count", equalTo("7"))
                .body("containsKey('__description')", equalTo(false))
                .body("containsKey('__support_xen')", equalTo(false))
                .body("containsKey('enterprise_project_id')", equalTo(false));
        ImageEntity stored = TestImages.load(id);
        assertEquals("2048", stored.maxRam);
        assertEquals(1024, stored.minRam);
        assertNull(stored.description);
        assertEquals(Map.of("owner_team", "storage", "__support_kvm", "true", "count", "7"), stored.properties);
    }

    @Test
    void anEmptyPatchChangesNothingNotEvenUpdatedAt() {
        String id = TestImages.create();
        patchAsOwner(id, "[]").then().statusCode(200).body("updated_at", equalTo("2015-12-04T09:45:33Z"));
        patchAsOwner(id, "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"ims_demo\"}]")
                .then().statusCode(200).body("updated_at", equalTo("2015-12-04T09:45:33Z"));
        assertEquals(TestImages.load(id).createdAt, TestImages.load(id).updatedAt);
    }

    @Test
    void aFailedMultiOperationPatchLeavesTheStoredRowUnchanged() {
        String id = TestImages.create(image -> image.properties.put("owner_team", "storage"));
        ImageEntity before = TestImages.load(id);
        patchAsOwner(id, """
                [{"op":"replace","path":"/name","value":"changed"},{"op":"remove","path":"/owner_team"},
                 {"op":"add","path":"/__support_xen_hana","value":"true"},{"op":"add","path":"/__support_kvm","value":"true"}]""")
                .then().statusCode(400).body("error.code", equalTo("IMG.0035"));
        patchAsOwner(id, """
                [{"op":"replace","path":"/name","value":"changed"},{"op":"add","path":"/k","value":"v"},
                 {"op":"replace","path":"/absent","value":"v"}]""")
                .then().statusCode(400).body("error.code", equalTo("IMG.0035"))
                .body("error.message", startsWith("operation 2 (/absent): "));
        ImageEntity after = TestImages.load(id);
        assertEquals(before.name, after.name);
        assertEquals(before.properties, after.properties);
        assertEquals(before.updatedAt, after.updatedAt);
    }

    @Test
    void everyAttributeErrorHasItsCode() {
        String id = TestImages.create();
        expectError(patchAsOwner(id, "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"\"}]"), 400, "IMG.0002");
        expectError(patchAsOwner(id, "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"a<b\"}]"), 400, "IMG.0003");
        expectError(patchAsOwner(id, "[{\"op\":\"replace\",\"path\":\"/__description\",\"value\":\""
                + "d".repeat(1025) + "\"}]"), 400, "IMG.0004");
        expectError(patchAsOwner(id, "[{\"op\":\"replace\",\"path\":\"/__description\",\"value\":\"a\\nb\"}]"), 400, "IMG.0054");
        expectError(patchAsOwner(id, "[{\"op\":\"replace\",\"path\":\"/min_ram\",\"value\":1048577}]"), 400, "IMG.0055");
        expectError(patchAsOwner(id, "[{\"op\":\"replace\",\"path\":\"/hw_firmware_type\",\"value\":\"efi\"}]"), 400, "IMG.0141");
        expectError(patchAsOwner(id, "[{\"op\":\"add\",\"path\":\"/__support_xen\",\"value\":\"yes\"}]"), 400, "IMG.0001");
        expectError(patchAsOwner(id, "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"x\"}]"), 403, "IMG.0105");
        expectError(patchAsOwner(id, "[{\"op\":\"remove\",\"path\":\"/name\"}]"), 403, "IMG.0105");
        expectError(patchAsOwner(id, "[{\"op\":\"remove\",\"path\":\"/k\"}]"), 400, "IMG.0035");
        assertEquals(TestImages.load(id).createdAt, TestImages.load(id).updatedAt);
    }

    @Test
    void bodyStructureErrors() {
        String id = TestImages.create();
        expectError(patchAsOwner(id, ""), 400, "IMG.0007");
        expectError(patchAsOwner(id, "{}"), 400, "IMG.0001");
        expectError(patchAsOwner(id, "[{\"op\":\"test\",\"path\":\"/name\",\"value\":\"x\"}]"), 400, "IMG.0001");
        expectError(patchAsOwner(id, "[{\"op\":\"add\",\"path\":\"/a\",\"value\":1,\"value\":2}]"), 400, "IMG.0001");
        expectError(patchAsOwner(id, "[" + "[".repeat(10_000)), 400, "IMG.0001");
        byte[] invalidUtf8 = {'[', '"', (byte) 0xff, '"', ']'};
        expectError(request().header("X-Auth-Token", Tokens.forProject(DemoData.DEMO_PROJECT)).contentType(JSON)
                .body(invalidUtf8).patch(PATH + id), 400, "IMG.0001");
    }

    @Test
    void imageIdMustBeACanonicalUuid() {
        expectError(patchAsOwner("not-a-uuid", "[]"), 400, "IMG.0066");
        expectError(patchAsOwner("33ad552d1149471c8190ff6776174a00", "[]"), 400, "IMG.0066");
        expectError(patchAsOwner("33ad552d-1149-471c-8190-ff6776174a0g", "[]"), 400, "IMG.0066");
        expectError(patchAsOwner("33ad552d-1149-471c-8190-ff6776174a000", "[]"), 400, "IMG.0066");
        String id = TestImages.create();
        patchAsOwner(id.toUpperCase(), "[]").then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void contentTypeRules() {
        String id = TestImages.create();
        String token = Tokens.forProject(DemoData.DEMO_PROJECT);
        for (String accepted : new String[] {"application/json", "application/json;charset=UTF-8",
                "application/json; charset=utf-8", "APPLICATION/JSON", "application/openstack-images-v2.1-json-patch",
                "application/json; charset=\"UTF-8\""}) {
            request().header("X-Auth-Token", token).header("Content-Type", accepted).body("[]".getBytes())
                    .patch(PATH + id).then().statusCode(200);
        }
        for (String refused : new String[] {"text/plain", "application/json-patch+json", "application/json; charset=latin1",
                "application/xml"}) {
            Response response = request().header("X-Auth-Token", token).header("Content-Type", refused)
                    .body("[]".getBytes()).patch(PATH + id);
            expectError(response, 415, "IMG.0415");
            response.then().header("Accept-Patch", "application/json, application/openstack-images-v2.1-json-patch");
        }
        Response none = request().header("X-Auth-Token", token).body("[]".getBytes()).patch(PATH + id);
        expectError(none, 415, "IMG.0415");
    }

    @Test
    void bodiesOver64KiBGetImg0413BeforeAnythingElse() {
        String id = TestImages.create();
        String big = "[" + " ".repeat(64 * 1024) + "]";
        expectError(patchAsOwner(id, big), 413, "IMG.0413");
        // Even unauthenticated and with a wrong content type: the body must be read first (docs/behaviour.md §3).
        expectError(request().header("Content-Type", "text/plain").body(big.getBytes()).patch(PATH + id), 413, "IMG.0413");
        // Exactly 64 KiB is accepted.
        String atLimit = "[" + " ".repeat(64 * 1024 - 2) + "]";
        patchAsOwner(id, atLimit).then().statusCode(200);
        // Past the server's hard limit (1 MiB) the body is not even read; the answer keeps the contract's shape.
        expectError(request().contentType(JSON).body(new byte[2 * 1024 * 1024]).patch(PATH + id), 413, "IMG.0413");
    }

    @Test
    void oversizedHeadersAndRequestLinesGetTheServersOwnAnswer() {
        String id = TestImages.create();
        request().header("X-Padding", "p".repeat(17 * 1024)).contentType(JSON).body("[]".getBytes())
                .patch(PATH + id).then().statusCode(431);
        request().contentType(JSON).body("[]".getBytes()).patch(PATH + id + "?q=" + "x".repeat(5000))
                .then().statusCode(414);
        // Just under the limits, the function answers.
        patchAsOwner(id, "[]").then().statusCode(200);
    }

    @Test
    void statusAndOwnershipOfDemoImages() {
        expectError(patchAsOwner("5b1c1a8e-7a43-4c51-9d1f-0c0e7f1b2a02", "[]"), 400, "IMG.0046");
        expectError(patchAsOwner("5b1c1a8e-7a43-4c51-9d1f-0c0e7f1b2a03", "[]"), 400, "IMG.0046");
        expectError(patchAsOwner("5b1c1a8e-7a43-4c51-9d1f-0c0e7f1b2a04", "[]"), 404, "IMG.0027");
        expectError(patchAsOwner("5b1c1a8e-7a43-4c51-9d1f-0c0e7f1b2a05", "[]"), 403, "IMG.0083");
        expectError(patchAsOwner("5b1c1a8e-7a43-4c51-9d1f-0c0e7f1b2a06", "[]"), 404, "IMG.0027");
        expectError(patchAsOwner("00000000-0000-4000-8000-000000000000", "[]"), 404, "IMG.0027");
        String missing = patchAsOwner("00000000-0000-4000-8000-000000000000", "[]").asString();
        String foreign = patchAsOwner("5b1c1a8e-7a43-4c51-9d1f-0c0e7f1b2a06", "[]").asString();
        assertEquals(missing.replace("00000000-0000-4000-8000-000000000000", "X"),
                foreign.replace("5b1c1a8e-7a43-4c51-9d1f-0c0e7f1b2a06", "X"), "a foreign image looks missing");
    }

    @Test
    void requestIdIsEchoedWhenWellFormedAndGeneratedOtherwise() {
        String id = TestImages.create();
        request().header("X-Request-Id", "abc-123_x.y").contentType(JSON).body("[]".getBytes()).patch(PATH + id)
                .then().statusCode(401).header("X-Request-Id", "abc-123_x.y");
        request().header("X-Request-Id", "bad id!").contentType(JSON).body("[]".getBytes()).patch(PATH + id)
                .then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        patchAsOwner(id, "[]").then().statusCode(200).header("X-Request-Id", notNullValue());
        request().header("X-Request-Id", "x".repeat(65)).get(PATH + id)
                .then().header("X-Request-Id", not(equalTo("x".repeat(65))));
    }

    @Test
    void otherMethodsOnTheResourceAre405WithTheErrorBody() {
        Response response = request().get(PATH + TestImages.create());
        expectError(response, 405, "IMG.0405");
        response.then().header("Allow", "PATCH");
    }

    @Test
    void unknownPathsAndFunctionsAnswerTheContractsError() {
        expectError(request().get("/v2/images"), 404, "IMG.0404");
        expectError(request().contentType(JSON).body("{}").post("/noSuchFunction"), 404, "IMG.0404");
    }

    @Test
    void errorsCarryNothingButTheContractShape() throws Exception {
        Response response = patchAsOwner("not-a-uuid", "[]");
        JsonNode body = JSON_MAPPER.readTree(response.asByteArray());
        assertEquals(1, body.size());
        assertEquals(2, body.get("error").size());
        response.then().body("error.message", not(nullValue()));
        assertFalse(response.asString().contains("Exception"));
    }

    private static String iterableToString(Iterator<String> names) {
        StringBuilder out = new StringBuilder();
        names.forEachRemaining(n -> out.append(n).append(','));
        return out.toString();
    }
}
