package io.cloudimages.ims.api.function;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudimages.ims.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A batch job is bounded before any image is touched: at most 32 names in attributes and in missing, names of
 * at most 255 characters, values of at most 1 024, and a patch of at most 100 operations and 64 KiB. Past any
 * of them the job is refused as a whole ({"status": 400}) and nothing changes.
 */
@QuarkusTest
class BatchJobLimitsTest {
    static final String PATCH = "[{\"op\":\"add\",\"path\":\"/limits\",\"value\":\"x\"}]";

    static void refused(String project, String job, String reason) {
        BatchUpdateImagesTest.batch(project, job).then().statusCode(200).body("status", equalTo(400))
                .body("error.code", equalTo("IMG.0001")).body("error.message", containsString(reason));
    }

    @Test
    void selectorsAndPatchesPastTheirLimitsAreRefusedWhole() {
        String project = BatchUpdateImagesTest.newProject();
        String id = BatchUpdateImagesTest.image(project, i -> { });
        String names33 = IntStream.range(0, 33).mapToObj(i -> "\"n" + i + "\"").collect(Collectors.joining(","));
        refused(project, "{\"selector\":{\"missing\":[" + names33 + "]},\"patch\":" + PATCH + "}", "at most 32");
        String equals33 = IntStream.range(0, 33).mapToObj(i -> "\"n" + i + "\":\"v\"").collect(Collectors.joining(","));
        refused(project, "{\"selector\":{\"attributes\":{" + equals33 + "}},\"patch\":" + PATCH + "}", "at most 32");
        refused(project, "{\"selector\":{\"missing\":[\"" + "n".repeat(256) + "\"]},\"patch\":" + PATCH + "}",
                "1 to 255");
        refused(project, "{\"selector\":{\"attributes\":{\"a\":\"" + "v".repeat(1_025) + "\"}},\"patch\":" + PATCH + "}",
                "1024");
        String operation = "{\"op\":\"add\",\"path\":\"/limits\",\"value\":\"" + "x".repeat(1_000) + "\"}";
        refused(project, "{\"patch\":[" + String.join(",", Collections.nCopies(70, operation)) + "]}", "65536");
        refused(project, "{\"patch\":[" + String.join(",", Collections.nCopies(101,
                "{\"op\":\"add\",\"path\":\"/a\",\"value\":\"x\"}")) + "]}", "at most 100");
        // Within the limits the same job runs.
        String names32 = IntStream.range(0, 32).mapToObj(i -> "\"n" + i + "\"").collect(Collectors.joining(","));
        BatchUpdateImagesTest.batch(project, "{\"selector\":{\"owner\":\"" + project + "\",\"missing\":[" + names32
                + "]},\"patch\":" + PATCH + "}").then().statusCode(200).body("status", equalTo(200))
                .body("changed", equalTo(1));
        assertEquals("x", TestImages.load(id).properties.get("limits"));
    }
}
