package io.cloudimages.ims.history;

import static io.cloudimages.ims.support.Api.JSON;
import static io.cloudimages.ims.support.Api.PATH;
import static io.cloudimages.ims.support.Api.request;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudimages.ims.support.TestImages;
import io.cloudimages.ims.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;

/** Every change of an image is recorded in its own transaction; refusals and no-ops record nothing. */
@QuarkusTest
class ChangeHistoryTest {

    @Test
    void aRoutePatchRecordsWhoWhenWhereAndEachAttributesBeforeAndAfter() {
        String project = HistoryRows.newProject();
        String id = TestImages.create(image -> {
            image.owner = project;
            image.properties.put("team", "old");
        });
        request().header("X-Auth-Token", Tokens.forProject(project)).header("X-Request-Id", "req-history-1")
                .contentType(JSON).body("[{\"op\":\"replace\",\"path\":\"/__description\",\"value\":\"new\"},"
                        + "{\"op\":\"remove\",\"path\":\"/team\"},{\"op\":\"add\",\"path\":\"/added\",\"value\":\"yes\"}]")
                .patch(PATH + id).then().statusCode(200);
        List<HistoryRows.Row> rows = HistoryRows.of(id);
        assertEquals(1, rows.size());
        HistoryRows.Row row = rows.get(0);
        assertEquals("token:test", row.actor());
        assertEquals(project, row.project());
        assertEquals("route", row.entryPoint());
        assertEquals("req-history-1", row.requestId());
        assertNull(row.runId());
        JsonPath changes = JsonPath.from(row.changes());
        assertEquals("new", changes.getString("__description.after"));
        assertEquals("old", changes.getString("team.before"));
        assertNull(changes.get("team.after"), "removed: no after");
        assertNull(changes.get("added.before"), "added: no before");
        assertEquals("yes", changes.getString("added.after"));
        assertEquals(3, changes.getMap("").size());
    }

    @Test
    void refusedAndNoOpPatchesRecordNothing() {
        String project = HistoryRows.newProject();
        String id = TestImages.create(image -> image.owner = project);
        String token = Tokens.forProject(project);
        // A no-op: the same description as stored.
        String current = TestImages.load(id).description;
        request().header("X-Auth-Token", token).contentType(JSON)
                .body("[{\"op\":\"replace\",\"path\":\"/__description\",\"value\":\"" + current + "\"}]")
                .patch(PATH + id).then().statusCode(200);
        // Refused: a read-only attribute, a foreign caller, a bad value (one good operation before it).
        request().header("X-Auth-Token", token).contentType(JSON)
                .body("[{\"op\":\"add\",\"path\":\"/x\",\"value\":\"1\"},{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"x\"}]")
                .patch(PATH + id).then().statusCode(403);
        request().header("X-Auth-Token", Tokens.forProject(HistoryRows.newProject())).contentType(JSON)
                .body("[{\"op\":\"add\",\"path\":\"/x\",\"value\":\"1\"}]").patch(PATH + id).then().statusCode(404);
        request().header("X-Auth-Token", token).contentType(JSON)
                .body("[{\"op\":\"add\",\"path\":\"/x\",\"value\":\"1\"},{\"op\":\"replace\",\"path\":\"/min_ram\",\"value\":\"-1\"}]")
                .patch(PATH + id).then().statusCode(400);
        assertEquals(List.of(), HistoryRows.of(id));
    }

    @Test
    void functionCallsAndBatchRunsAreRecordedWithTheirEntryPointAndRun() {
        String project = HistoryRows.newProject();
        String token = Tokens.forProject(project);
        String viaFunction = TestImages.create(image -> image.owner = project);
        request().header("X-Auth-Token", token).contentType(JSON)
                .body("{\"image_id\":\"" + viaFunction + "\",\"patch\":[{\"op\":\"add\",\"path\":\"/f\",\"value\":\"1\"}]}")
                .post("/updateImage").then().statusCode(200).body("status", equalTo(200));
        List<HistoryRows.Row> functionRows = HistoryRows.of(viaFunction);
        assertEquals(1, functionRows.size());
        assertEquals("updateImage", functionRows.get(0).entryPoint());
        // The APIG function records the described request's id and its own entry point.
        String apig = "{\"httpMethod\":\"PATCH\",\"path\":\"/v2/cloudimages/" + viaFunction + "\",\"headers\":{"
                + "\"content-type\":\"application/json\",\"x-auth-token\":\"" + token + "\",\"x-request-id\":\"apig-req-1\"},"
                + "\"body\":\"[{\\\"op\\\":\\\"add\\\",\\\"path\\\":\\\"/g\\\",\\\"value\\\":\\\"1\\\"}]\","
                + "\"isBase64Encoded\":false}";
        request().contentType(JSON).body(apig).post("/apig").then().statusCode(200).body("statusCode", equalTo(200));
        HistoryRows.Row apigRow = HistoryRows.of(viaFunction).get(1);
        assertEquals("apig", apigRow.entryPoint());
        assertEquals("apig-req-1", apigRow.requestId());
        assertTrue(functionRows.get(0).requestId() != null && !functionRows.get(0).requestId().isBlank());

        String second = TestImages.create(image -> image.owner = project);
        String runId = request().header("X-Auth-Token", token).contentType(JSON)
                .body("{\"selector\":{\"owner\":\"" + project + "\"},\"patch\":[{\"op\":\"add\",\"path\":\"/b\",\"value\":\"2\"}]}")
                .post("/batchUpdateImages").then().statusCode(200).body("status", equalTo(200))
                .body("changed", equalTo(2)).extract().path("run_id");
        List<HistoryRows.Row> runRows = HistoryRows.ofRun(runId);
        assertEquals(2, runRows.size());
        for (HistoryRows.Row row : runRows) {
            assertEquals("batch:" + runId, row.actor());
            assertEquals(project, row.project());
            assertEquals("batchUpdateImages", row.entryPoint());
        }
        assertEquals(3, HistoryRows.of(viaFunction).size());
        assertEquals(1, HistoryRows.of(second).size());
        // A dry run and a run that changes nothing have no run id and record nothing.
        request().header("X-Auth-Token", token).contentType(JSON)
                .body("{\"selector\":{\"owner\":\"" + project + "\"},\"patch\":[{\"op\":\"add\",\"path\":\"/b\",\"value\":\"2\"}]}")
                .post("/batchUpdateImages").then().statusCode(200).body("changed", equalTo(0))
                .body("run_id", org.hamcrest.Matchers.nullValue());
        request().header("X-Auth-Token", token).contentType(JSON)
                .body("{\"selector\":{\"owner\":\"" + project + "\"},\"dry_run\":true,\"patch\":[{\"op\":\"add\",\"path\":\"/b\",\"value\":\"3\"}]}")
                .post("/batchUpdateImages").then().statusCode(200).body("changed", equalTo(2))
                .body("run_id", org.hamcrest.Matchers.nullValue());
        assertEquals(1, HistoryRows.of(second).size());
    }
}
