package io.cloudimages.ims.observability;

import static io.cloudimages.ims.support.Api.JSON;
import static io.cloudimages.ims.support.Api.request;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudimages.ims.demo.DemoData;
import io.cloudimages.ims.support.LogCapture;
import io.cloudimages.ims.support.TestImages;
import io.cloudimages.ims.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A caller's request id finds the function's log lines for it; the function's health shows in its metrics. */
@QuarkusTest
class OperabilityTest {

    @Test
    void everyLogLineOfARequestCarriesItsId() {
        String id = TestImages.create();
        String refused = "t-" + UUID.randomUUID();
        String served = "t-" + UUID.randomUUID();
        try (LogCapture log = LogCapture.start()) {
            request().header("X-Request-Id", refused).header("X-Auth-Token", "not.a.token").contentType(JSON)
                    .body("[]".getBytes(StandardCharsets.UTF_8)).patch("/v2/cloudimages/" + id)
                    .then().statusCode(401);
            // A function that runs a batch logs its pages: those lines too.
            request().header("X-Request-Id", served).header("X-Auth-Token", Tokens.forProject(DemoData.DEMO_PROJECT))
                    .contentType(JSON).body(("{\"selector\":{\"owner\":\"" + UUID.randomUUID().toString().replace("-", "")
                            + "\"},\"patch\":[],\"dry_run\":true}").getBytes(StandardCharsets.UTF_8))
                    .post("/batchUpdateImages").then().statusCode(200);
            List<LogCapture.Line> refusedLines = log.records().stream().filter(l -> l.message().contains("request refused"))
                    .toList();
            assertTrue(!refusedLines.isEmpty() && refusedLines.stream().allMatch(l -> refused.equals(l.requestId())),
                    refusedLines.toString());
            List<LogCapture.Line> batchLines = log.records().stream().filter(l -> l.message().contains("batch page"))
                    .toList();
            assertTrue(!batchLines.isEmpty() && batchLines.stream().allMatch(l -> served.equals(l.requestId())),
                    batchLines.toString());
        }
    }

    @Test
    void metricsShowThePoolAnswersAndRefusals() {
        String id = TestImages.create();
        double before503 = counter("ims_answers_total", "code=\"APIGW.0301\"");
        double beforeRefusals = counter("ims_auth_refusals_total", "reason=\"token_form\"");
        request().header("X-Auth-Token", "not.a.token!").contentType(JSON).body("[]".getBytes(StandardCharsets.UTF_8))
                .patch("/v2/cloudimages/" + id).then().statusCode(401);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("agroal_"), "the connection pool's metrics");
        assertTrue(counter("ims_answers_total", "code=\"APIGW.0301\"") >= before503 + 1);
        assertTrue(counter("ims_auth_refusals_total", "reason=\"token_form\"") >= beforeRefusals + 1);
    }

    /** The sum of a counter's samples whose labels contain {@code label}. */
    static double counter(String name, String label) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher sample = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} ([0-9.eE+]+)$").matcher(metrics);
        double sum = 0;
        while (sample.find()) {
            if (sample.group(1).contains(label)) {
                sum += Double.parseDouble(sample.group(2));
            }
        }
        return sum;
    }
}
