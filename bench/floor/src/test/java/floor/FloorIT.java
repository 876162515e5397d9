package floor;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

/** The AOT cache's training run, as the function's integration tests are its own: calls of the one function. */
@QuarkusIntegrationTest
class FloorIT {

    @Test
    void touch() {
        for (int i = 0; i < 300; i++) {
            given().contentType("application/json").body("{\"id\":" + (i % 10) + ",\"value\":\"v" + i + "\"}")
                    .post("/touch").then().statusCode(200);
        }
    }
}
