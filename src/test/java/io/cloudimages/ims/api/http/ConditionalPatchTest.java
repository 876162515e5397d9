package io.cloudimages.ims.api.http;

import static io.cloudimages.ims.support.Api.JSON;
import static io.cloudimages.ims.support.Api.PATH;
import static io.cloudimages.ims.support.Api.request;
import static io.cloudimages.ims.support.ErrorAnswers.expectError;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudimages.ims.demo.DemoData;
import io.cloudimages.ims.support.TestImages;
import io.cloudimages.ims.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** ETag on every image answer, If-Match on PATCH, checked under the row lock (docs/behaviour.md §9). */
@QuarkusTest
class ConditionalPatchTest {
    private static final String OWNER = Tokens.forProject(DemoData.DEMO_PROJECT);

    private static Response patch(String id, String ifMatch, String description) {
        var spec = request().header("X-Auth-Token", OWNER).contentType(JSON);
        if (ifMatch != null) {
            spec = spec.header("If-Match", ifMatch);
        }
        return spec.body("[{\"op\":\"replace\",\"path\":\"/__description\",\"value\":\"" + description + "\"}]")
                .patch(PATH + id);
    }

    @Test
    void theTagChangesWithTheImageAndOnlyThen() {
        String id = TestImages.create();
        Response first = patch(id, null, "one");
        first.then().statusCode(200);
        String tag = first.header("ETag");
        assertTrue(tag.matches("\"[^\"]+\""), tag);
        // The same value again changes nothing: the same tag.
        assertEquals(tag, patch(id, null, "one").then().statusCode(200).extract().header("ETag"));
        String next = patch(id, tag, "two").then().statusCode(200).extract().header("ETag");
        assertNotEquals(tag, next);
        assertEquals(next, patch(id, "*", "two").then().statusCode(200).extract().header("ETag"));
        assertEquals(next, patch(id, "\"nope\", " + next, "two").then().statusCode(200).extract().header("ETag"));
    }

    @Test
    void aStaleTagIsRefusedAndChangesNothing() {
        String id = TestImages.create();
        String stale = patch(id, null, "one").header("ETag");
        patch(id, null, "two").then().statusCode(200);
        expectError(patch(id, stale, "three"), 412, "IMG.0412");
        // A weak tag never matches (strong comparison).
        expectError(patch(id, "W/" + stale, "three"), 412, "IMG.0412");
        assertEquals("two", TestImages.load(id).description);
    }

    @Test
    void aForeignImageIsStillA404AndABadPatchStillA400() {
        String id = TestImages.create();
        String tag = patch(id, null, "one").header("ETag");
        expectError(request().header("X-Auth-Token", Tokens.forProject(DemoData.OTHER_PROJECT)).contentType(JSON)
                .header("If-Match", "\"stale\"")
                .body("[{\"op\":\"replace\",\"path\":\"/__description\",\"value\":\"x\"}]").patch(PATH + id), 404, "IMG.0027");
        String queued = TestImages.create(image -> image.status = "queued");
        expectError(patch(queued, "\"stale\"", "x"), 400, "IMG.0046");
        // The precondition comes before the operations: a stale tag with an invalid operation is a 412.
        expectError(request().header("X-Auth-Token", OWNER).contentType(JSON).header("If-Match", "\"stale\"")
                .body("[{\"op\":\"remove\",\"path\":\"/not_set\"}]").patch(PATH + id), 412, "IMG.0412");
        expectError(request().header("X-Auth-Token", OWNER).contentType(JSON).header("If-Match", tag)
                .header("If-Match", tag).body("[]").patch(PATH + id), 400, "IMG.0001");
    }

    /** Two clients read the same tag and both patch with it at once: exactly one wins, the other gets 412. */
    @Test
    void ofTwoConcurrentWritersWithTheSameTagExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String id = TestImages.create();
                String tag = patch(id, null, "start").header("ETag");
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (String writer : List.of("a", "b")) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return patch(id, tag, writer).statusCode();
                    }));
                }
                go.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> answer : answers) {
                    statuses.add(answer.get(30, TimeUnit.SECONDS));
                }
                statuses.sort(Integer::compare);
                assertEquals(List.of(200, 412), statuses, "round " + round);
                String stored = TestImages.load(id).description;
                assertTrue(stored.equals("a") || stored.equals("b"), stored);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theFunctionsCarryTheTagToo() {
        String id = TestImages.create();
        String tag = request().header("X-Auth-Token", OWNER).contentType(JSON)
                .body("{\"image_id\":\"" + id + "\",\"patch\":[{\"op\":\"replace\",\"path\":\"/__description\",\"value\":\"f\"}]}")
                .post("/updateImage").then().statusCode(200).body("status", equalTo(200))
                .extract().path("etag");
        assertTrue(tag.matches("\"[^\"]+\""), tag);
        request().header("X-Auth-Token", OWNER).contentType(JSON)
                .body("{\"image_id\":\"" + id + "\",\"if_match\":\"\\\"0\\\"\",\"patch\":[{\"op\":\"replace\",\"path\":\"/__description\",\"value\":\"g\"}]}")
                .post("/updateImage").then().statusCode(200).body("status", equalTo(412))
                .body("error.code", equalTo("IMG.0412"));
        String escapedTag = tag.replace("\"", "\\\"");
        request().header("X-Auth-Token", OWNER).contentType(JSON)
                .body("{\"image_id\":\"" + id + "\",\"if_match\":\"" + escapedTag + "\",\"patch\":[{\"op\":\"replace\",\"path\":\"/__description\",\"value\":\"g\"}]}")
                .post("/updateImage").then().statusCode(200).body("status", equalTo(200));
        assertEquals("g", TestImages.load(id).description);
        // The APIG envelope: the described request's If-Match, the answer's ETag.
        String apig = "{\"httpMethod\":\"PATCH\",\"path\":\"/v2/cloudimages/" + id + "\",\"pathParameters\":{\"image_id\":\"" + id
                + "\"},\"headers\":{\"content-type\":\"application/json\",\"x-auth-token\":\"" + OWNER + "\",\"if-match\":\""
                + escapedTag + "\"},\"body\":\"[{\\\"op\\\":\\\"replace\\\",\\\"path\\\":\\\"/__description\\\",\\\"value\\\":\\\"h\\\"}]\","
                + "\"isBase64Encoded\":false}";
        request().contentType(JSON).body(apig).post("/apig").then().statusCode(200).body("statusCode", equalTo(412));
        Response current = patch(id, null, "g");
        String fresh = current.header("ETag").replace("\"", "\\\"");
        request().contentType(JSON).body(apig.replace(escapedTag, fresh)).post("/apig").then().statusCode(200)
                .body("statusCode", equalTo(200)).body("headers.ETag", org.hamcrest.Matchers.startsWith("\""));
    }
}
