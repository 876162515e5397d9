package io.cloudimages.ims.api.function;

import static io.cloudimages.ims.support.Api.JSON;
import static io.cloudimages.ims.support.Api.request;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudimages.ims.persistence.ImageEntity;
import io.cloudimages.ims.support.LogCapture;
import io.cloudimages.ims.support.TestImages;
import io.cloudimages.ims.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** batchUpdateImages: selectors, dry runs, failures, limits, shards, and a run over 10 000 images. */
@QuarkusTest
class BatchUpdateImagesTest {

    /** Each test works in a project of its own, so selectors see only its images. */
    static String newProject() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static Response batch(String project, String job, String... roles) {
        return request().header("X-Auth-Token", Tokens.forProject(project, roles)).contentType(JSON)
                .body(job.getBytes(StandardCharsets.UTF_8)).post("/batchUpdateImages");
    }

    static String image(String project, java.util.function.Consumer<ImageEntity> customize) {
        return TestImages.create(image -> {
            image.owner = project;
            customize.accept(image);
        });
    }

    @Test
    void selectorFiltersByOwnerStatusAttributeEqualsAndAbsence() {
        String project = newProject();
        String linuxPlain = image(project, i -> { });
        String linuxTagged = image(project, i -> i.properties.put("hw_vif_multiqueue_enabled", "false"));
        String windows = image(project, i -> i.osType = "Windows");
        String queued = image(project, i -> i.status = "queued");
        String otherOwner = image(newProject(), i -> { });
        String job = "{\"selector\":{\"owner\":\"" + project + "\",\"status\":\"active\",\"__imagetype\":\"private\","
                + "\"attributes\":{\"__os_type\":\"Linux\"},\"missing\":[\"hw_vif_multiqueue_enabled\"]},"
                + "\"patch\":[{\"op\":\"add\",\"path\":\"/hw_vif_multiqueue_enabled\",\"value\":\"true\"}]}";
        batch(project, job).then().statusCode(200).body("status", equalTo(200)).body("dry_run", equalTo(false))
                .body("matched", equalTo(1)).body("changed", equalTo(1)).body("unchanged", equalTo(0))
                .body("failed_count", equalTo(0)).body("truncated", equalTo(false));
        assertEquals("true", TestImages.load(linuxPlain).properties.get("hw_vif_multiqueue_enabled"));
        assertEquals("false", TestImages.load(linuxTagged).properties.get("hw_vif_multiqueue_enabled"));
        assertFalse(TestImages.load(windows).properties.containsKey("hw_vif_multiqueue_enabled"));
        assertFalse(TestImages.load(queued).properties.containsKey("hw_vif_multiqueue_enabled"));
        assertFalse(TestImages.load(otherOwner).properties.containsKey("hw_vif_multiqueue_enabled"));
        // Property attributes are matched too; a second run finds nothing missing.
        batch(project, job.replace("\"attributes\":{\"__os_type\":\"Linux\"}", "\"attributes\":{\"hw_vif_multiqueue_enabled\":\"false\"}")
                .replace("\"missing\":[\"hw_vif_multiqueue_enabled\"]", "\"missing\":[]"))
                .then().body("matched", equalTo(1)).body("changed", equalTo(1));
        batch(project, job).then().body("matched", equalTo(0));
    }

    @Test
    void aDryRunCountsWhatWouldChangeAndWritesNothing() {
        String project = newProject();
        String a = image(project, i -> { });
        String b = image(project, i -> i.name = "already");
        String job = "{\"selector\":{},\"dry_run\":true,\"patch\":[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"already\"}]}";
        batch(project, job).then().body("status", equalTo(200)).body("dry_run", equalTo(true))
                .body("matched", equalTo(2)).body("changed", equalTo(1)).body("unchanged", equalTo(1));
        assertEquals("ims_demo", TestImages.load(a).name);
        assertEquals(TestImages.load(a).createdAt, TestImages.load(a).updatedAt);
    }

    @Test
    void oneImagesFailureIsReportedAndTheOthersArePatched() {
        String project = newProject();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(image(project, x -> { }));
        }
        String xen = image(project, i -> i.properties.put("__support_xen", "true"));
        String job = "{\"patch\":[{\"op\":\"add\",\"path\":\"/__support_xen_hana\",\"value\":\"true\"}]}";
        Response response = batch(project, job);
        response.then().body("status", equalTo(200)).body("matched", equalTo(6)).body("changed", equalTo(5))
                .body("failed_count", equalTo(1)).body("failed[0].image_id", equalTo(xen))
                .body("failed[0].error.code", equalTo("IMG.0035"));
        for (String id : ids) {
            assertEquals("true", TestImages.load(id).properties.get("__support_xen_hana"));
        }
        assertFalse(TestImages.load(xen).properties.containsKey("__support_xen_hana"));
    }

    @Test
    void maxImagesTakesTheFirstInIdOrderAndReportsTruncation() {
        String project = newProject();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(image(project, x -> { }));
        }
        Collections.sort(ids);
        String job = "{\"max_images\":3,\"patch\":[{\"op\":\"add\",\"path\":\"/picked\",\"value\":\"yes\"}]}";
        batch(project, job).then().body("matched", equalTo(3)).body("truncated", equalTo(true));
        for (int i = 0; i < 5; i++) {
            assertEquals(i < 3, TestImages.load(ids.get(i)).properties.containsKey("picked"), "image " + i);
        }
        batch(project, job.replace("3", "5")).then().body("matched", equalTo(5)).body("truncated", equalTo(false));
    }

    @Test
    void shardsPartitionTheImagesAsTheContractDefinesThem() {
        String project = newProject();
        Set<String> all = new HashSet<>();
        for (int i = 0; i < 24; i++) {
            all.add(image(project, x -> { }));
        }
        int count = 4;
        int total = 0;
        for (int index = 0; index < count; index++) {
            String job = "{\"selector\":{\"shard\":{\"index\":" + index + ",\"count\":" + count + "}},"
                    + "\"patch\":[{\"op\":\"add\",\"path\":\"/shard\",\"value\":\"" + index + "\"}]}";
            total += batch(project, job).jsonPath().getInt("matched");
        }
        assertEquals(all.size(), total, "every image in exactly one shard");
        for (String id : all) {
            // The documented formula, computed here: the first 8 hex digits as an unsigned 32-bit number, mod count.
            long expected = Long.parseUnsignedLong(id.substring(0, 8), 16) % count;
            assertEquals(Long.toString(expected), TestImages.load(id).properties.get("shard"), id);
        }
    }

    @Test
    void aNonAdminOnlyEverMatchesItsOwnProjectAndAdminsMatchAll() {
        String mine = newProject();
        String theirs = newProject();
        String myImage = image(mine, i -> { });
        String theirImage = image(theirs, i -> { });
        String job = "{\"selector\":{\"owner\":\"" + theirs + "\"},\"patch\":[{\"op\":\"add\",\"path\":\"/x\",\"value\":\"1\"}]}";
        batch(mine, job).then().body("matched", equalTo(0));
        batch(mine, job, "admin").then().body("matched", equalTo(1)).body("changed", equalTo(1));
        assertEquals("1", TestImages.load(theirImage).properties.get("x"));
        assertFalse(TestImages.load(myImage).properties.containsKey("x"));
    }

    @Test
    void badJobsAreRefusedBeforeAnyImageIsTouched() {
        String project = newProject();
        String id = image(project, i -> { });
        String[] bad = {
            "{}",
            "{\"patch\":{}}",
            "{\"patch\":[{\"op\":\"test\",\"path\":\"/a\",\"value\":\"1\"}]}",
            "{\"patch\":[],\"max_images\":0}",
            "{\"patch\":[],\"max_images\":100001}",
            "{\"patch\":[],\"max_images\":1.5}",
            "{\"patch\":[],\"dry_run\":\"yes\"}",
            "{\"patch\":[],\"dryrun\":true}",
            "{\"patch\":[],\"selector\":{\"shard\":{\"index\":4,\"count\":4}}}",
            "{\"patch\":[],\"selector\":{\"shard\":{\"index\":0,\"count\":1025}}}",
            "{\"patch\":[],\"selector\":{\"shard\":{\"index\":-1,\"count\":2}}}",
            "{\"patch\":[],\"selector\":{\"attributes\":{\"a\":1}}}",
            "{\"patch\":[],\"selector\":{\"missing\":\"a\"}}",
            "{\"patch\":[],\"selector\":{\"owner\":5}}",
            "{\"patch\":[],\"selector\":{\"tenant\":\"x\"}}",
        };
        for (String job : bad) {
            batch(project, job).then().statusCode(200).body("status", equalTo(400))
                    .body("error.code", equalTo("IMG.0001"));
        }
        assertEquals(TestImages.load(id).createdAt, TestImages.load(id).updatedAt);
    }

    @Test
    void aTimerEventCarriesTheJobInUserEvent() {
        String project = newProject();
        String id = image(project, i -> { });
        String job = "{\\\"patch\\\":[{\\\"op\\\":\\\"add\\\",\\\"path\\\":\\\"/scheduled\\\",\\\"value\\\":\\\"yes\\\"}]}";
        String timer = "{\"version\":\"v1.0\",\"time\":\"2026-11-27T03:00:00+08:00\",\"trigger_type\":\"TIMER\","
                + "\"trigger_name\":\"nightly-fix\",\"user_event\":\"" + job + "\"}";
        batch(project, timer).then().body("status", equalTo(200)).body("changed", equalTo(1));
        assertEquals("yes", TestImages.load(id).properties.get("scheduled"));
        batch(project, timer.replace("\"user_event\":\"", "\"user_event\":\"{")).then().body("status", equalTo(400));
    }

    /**
     * Over several pages, small enough for one HTTP request on a slow machine: fleet-sized fixes run in batch job
     * mode, with no request timeout (BatchJobModeIT patches 10 000 images that way).
     */
    @Test
    void imagesArePatchedPageByPage() {
        String project = newProject();
        int images = 1_200;
        QuarkusTransaction.requiringNew().run(() -> ImageEntity.getEntityManager().createNativeQuery("""
                insert into image (id, owner, name, status, visibility, image_type, created_at, updated_at)
                select gen_random_uuid(), :owner, 'bulk-' || n, 'active', 'private', 'private', now(), now()
                  from generate_series(1, :n) as n""").setParameter("owner", project).setParameter("n", images)
                .executeUpdate());
        LogCapture logs = LogCapture.start();
        try {
            String job = "{\"patch\":[{\"op\":\"add\",\"path\":\"/__support_kvm\",\"value\":true},"
                    + "{\"op\":\"add\",\"path\":\"/fleet_fix\",\"value\":\"2026-11\"}]}";
            JsonPath result = batch(project, job).then().statusCode(200).extract().jsonPath();
            assertEquals(200, result.getInt("status"));
            assertEquals(images, result.getInt("matched"));
            assertEquals(images, result.getInt("changed"));
            assertEquals(0, result.getInt("failed_count"));
            assertFalse(result.getBoolean("truncated"));
            long pages = logs.lines().stream().filter(line -> line.startsWith("batch page")).count();
            assertTrue(pages >= 3, "paged: " + pages + " pages of 500");
            long patched = QuarkusTransaction.requiringNew().call(() -> (Long) ImageEntity.getEntityManager()
                    .createNativeQuery("select count(*) from image where owner = :owner and properties ->> 'fleet_fix' = '2026-11'"
                            + " and properties ->> '__support_kvm' = 'true'", Long.class)
                    .setParameter("owner", project).getSingleResult());
            assertEquals(images, patched);
            // A second run changes nothing.
            batch(project, job).then().body("matched", equalTo(images)).body("unchanged", equalTo(images))
                    .body("changed", equalTo(0));
        } finally {
            logs.close();
        }
    }
}
