package io.cloudimages.ims.api.functiongraph;

import static io.cloudimages.ims.support.Api.JSON;
import static io.cloudimages.ims.support.Api.request;
import static io.cloudimages.ims.support.ErrorAnswers.expectError;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Without ims.functiongraph.enabled, /invoke and /init are unknown paths: nobody can send a trusted timer event. */
@QuarkusTest
class FunctionGraphDisabledTest {

    @Test
    void invokeAndInitAreUnknownPaths() {
        String timer = "{\"trigger_type\":\"TIMER\",\"user_event\":\"{\\\"all_projects\\\":true,\\\"patch\\\":[]}\"}";
        expectError(request().contentType(JSON).body(timer).post("/invoke"), 404, "IMG.0404");
        expectError(request().contentType(JSON).body("{}").post("/init"), 404, "IMG.0404");
    }
}
