package io.cloudimages.ims.history;

import static io.cloudimages.ims.support.Api.JSON;
import static io.cloudimages.ims.support.Api.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudimages.ims.persistence.ImageEntity;
import io.cloudimages.ims.support.TestImages;
import io.cloudimages.ims.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A batch run is undone image by image, only where every attribute it touched still holds the value it wrote;
 * images changed since are conflicts, left as they are. The undo is a run of its own and can be undone.
 */
@io.quarkus.test.junit.QuarkusTest
class UndoTest {

    private static Response batch(String project, String job, String... roles) {
        return request().header("X-Auth-Token", Tokens.forProject(project, roles)).contentType(JSON)
                .body(job.getBytes(StandardCharsets.UTF_8)).post("/batchUpdateImages");
    }

    private static JsonPath ok(Response response) {
        JsonPath result = response.then().statusCode(200).extract().jsonPath();
        assertEquals(200, result.getInt("status"), response.asString());
        return result;
    }

    /** Description, the "fix" property and min_ram of every image of the project, by id. */
    private static Map<String, List<String>> state(String project) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, List<String>> state = new HashMap<>();
            for (ImageEntity image : ImageEntity.<ImageEntity>list("owner", project)) {
                state.put(image.id.toString(), java.util.Arrays.asList(image.description, image.properties.get("fix"),
                        Integer.toString(image.minRam)));
            }
            return state;
        });
    }

    @Test
    void anUndoRestoresTheRunsImagesLeavesLaterChangesAloneAndCanItselfBeUndone() {
        String project = HistoryRows.newProject();
        int images = 1_000;
        QuarkusTransaction.requiringNew().run(() -> ImageEntity.getEntityManager().createNativeQuery("""
                insert into image (id, owner, name, status, visibility, image_type, description, min_ram, created_at, updated_at)
                select gen_random_uuid(), :owner, 'bulk-' || n, 'active', 'private', 'private', 'before ' || n,
                       case when n % 2 = 0 then 512 else 0 end, now(), now()
                  from generate_series(1, :n) as n""").setParameter("owner", project).setParameter("n", images)
                .executeUpdate());
        Map<String, List<String>> before = state(project);
        String job = "{\"selector\":{\"owner\":\"" + project + "\"},\"max_images\":" + images + ",\"patch\":["
                + "{\"op\":\"replace\",\"path\":\"/__description\",\"value\":\"fixed\"},"
                + "{\"op\":\"add\",\"path\":\"/fix\",\"value\":\"2026-11\"},"
                + "{\"op\":\"replace\",\"path\":\"/min_ram\",\"value\":1024}]}";
        JsonPath run = ok(batch(project, job));
        assertEquals(images, run.getInt("changed"));
        String runId = run.getString("run_id");
        Map<String, List<String>> afterRun = state(project);

        // Ten images are changed after the run, each in a different way: one of the run's attributes each.
        List<String> ids = afterRun.keySet().stream().sorted().toList();
        Set<String> changedSince = new HashSet<>(ids.subList(0, 10));
        String owner = Tokens.forProject(project);
        int i = 0;
        for (String id : changedSince) {
            String op = switch (i++ % 3) {
                case 0 -> "{\"op\":\"replace\",\"path\":\"/__description\",\"value\":\"later\"}";
                case 1 -> "{\"op\":\"remove\",\"path\":\"/fix\"}";
                default -> "{\"op\":\"replace\",\"path\":\"/min_ram\",\"value\":2048}";
            };
            request().header("X-Auth-Token", owner).contentType(JSON).body("[" + op + "]")
                    .patch("/v2/cloudimages/" + id).then().statusCode(200);
        }
        // A change of an attribute the run did not touch is no conflict.
        String untouchedChange = ids.get(20);
        request().header("X-Auth-Token", owner).contentType(JSON)
                .body("[{\"op\":\"add\",\"path\":\"/other\",\"value\":\"x\"}]").patch("/v2/cloudimages/" + untouchedChange)
                .then().statusCode(200);
        Map<String, List<String>> beforeUndo = state(project);

        // A dry run writes nothing and reports what an undo would do.
        JsonPath rehearsal = ok(batch(project, "{\"undo\":\"" + runId + "\",\"dry_run\":true}"));
        assertEquals(images - 10, rehearsal.getInt("changed"));
        assertEquals(10, rehearsal.getInt("conflicts"));
        assertNull(rehearsal.get("run_id"));
        assertEquals(beforeUndo, state(project));

        JsonPath undo = ok(batch(project, "{\"undo\":\"" + runId + "\"}"));
        assertEquals(images, undo.getInt("matched"));
        assertEquals(images - 10, undo.getInt("changed"));
        assertEquals(0, undo.getInt("unchanged"));
        assertEquals(0, undo.getInt("failed_count"));
        assertEquals(10, undo.getInt("conflicts"));
        List<Map<String, Object>> conflicted = undo.getList("conflicted");
        assertEquals(changedSince, conflicted.stream().map(c -> (String) c.get("image_id")).collect(java.util.stream.Collectors.toSet()));
        conflicted.forEach(c -> assertEquals("IMG.0409", ((Map<?, ?>) c.get("error")).get("code")));
        String undoRunId = undo.getString("run_id");
        assertNotEquals(runId, undoRunId);

        Map<String, List<String>> afterUndo = state(project);
        for (String id : ids) {
            if (changedSince.contains(id)) {
                assertEquals(beforeUndo.get(id), afterUndo.get(id), "changed since the run: left as it is");
            } else {
                assertEquals(before.get(id), afterUndo.get(id), "restored");
            }
        }
        assertEquals("x", TestImages.load(untouchedChange).properties.get("other"));
        assertFalse(TestImages.load(untouchedChange).properties.containsKey("fix"));

        // Undo of the undo: the run's values again, where the undo's still stand.
        JsonPath redo = ok(batch(project, "{\"undo\":\"" + undoRunId + "\"}"));
        assertEquals(images - 10, redo.getInt("changed"));
        assertEquals(0, redo.getInt("conflicts"));
        Map<String, List<String>> afterRedo = state(project);
        for (String id : ids) {
            assertEquals(changedSince.contains(id) ? beforeUndo.get(id) : afterRun.get(id), afterRedo.get(id));
        }
    }

    @Test
    void onlyTheRunsProjectOrAnAdministratorMayUndoIt() {
        String project = HistoryRows.newProject();
        String id = TestImages.create(image -> image.owner = project);
        String runId = ok(batch(project, "{\"selector\":{\"owner\":\"" + project + "\"},"
                + "\"patch\":[{\"op\":\"add\",\"path\":\"/fix\",\"value\":\"1\"}]}")).getString("run_id");
        String other = HistoryRows.newProject();
        for (String job : List.of("{\"undo\":\"" + runId + "\"}", "{\"undo\":\"" + java.util.UUID.randomUUID() + "\"}")) {
            JsonPath refused = batch(other, job).then().statusCode(200).extract().jsonPath();
            assertEquals(404, refused.getInt("status"));
            assertEquals("IMG.0404", refused.getString("error.code"));
        }
        assertEquals("1", TestImages.load(id).properties.get("fix"));
        JsonPath bad = batch(project, "{\"undo\":\"not-a-run\"}").then().statusCode(200).extract().jsonPath();
        assertEquals(400, bad.getInt("status"));
        JsonPath extra = batch(project, "{\"undo\":\"" + runId + "\",\"patch\":[]}").then().statusCode(200).extract().jsonPath();
        assertEquals(400, extra.getInt("status"));
        // An administrator of another project may.
        JsonPath undo = ok(batch(other, "{\"undo\":\"" + runId + "\"}", "admin"));
        assertEquals(1, undo.getInt("changed"));
        assertFalse(TestImages.load(id).properties.containsKey("fix"));
        assertTrue(HistoryRows.ofRun(undo.getString("run_id")).get(0).actor().startsWith("batch:"));
    }
}
