package io.cloudimages.ims.persistence;

import static io.cloudimages.ims.support.Api.patchAsOwner;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.cloudimages.ims.demo.DemoData;
import io.cloudimages.ims.demo.ProxiedDatabaseProfile;
import io.cloudimages.ims.support.TcpProxy;
import io.cloudimages.ims.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

/**
 * A function started while its database is away starts, stays ready (the platform keeps routing to it, so that
 * callers get its 503 rather than the platform's), answers 503 IMG.0503, and serves once the database is back,
 * without a restart.
 */
@QuarkusTest
@TestProfile(DatabaseDownAtStartTest.DownAtStart.class)
class DatabaseDownAtStartTest {

    public static class DownAtStart extends ProxiedDatabaseProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("quarkus.flyway.migrate-at-start", "false");
            TcpProxy.request(PROXY_KEY, "cut");
            return overrides;
        }
    }

    @Test
    void startsStaysReadyAnswers503AndServesOnceTheDatabaseIsBack() throws Exception {
        given().get("/q/health/ready").then().statusCode(200);
        patchAsOwner(DemoData.DEMO_IMAGE_ID, "[]").then().statusCode(503).body("error.code", equalTo("IMG.0503"))
                .header("Retry-After", "1");
        given().get("/q/health/ready").then().statusCode(200);
        TcpProxy.request(PROXY_KEY, "open");
        DatabaseFaultTest.awaitMillis(20, () -> patchAsOwner(DemoData.DEMO_IMAGE_ID, "[]").statusCode() != 503);
        String id = TestImages.create();
        patchAsOwner(id, "[{\"op\":\"add\",\"path\":\"/back\",\"value\":\"yes\"}]").then().statusCode(200)
                .body("back", equalTo("yes"));
    }

    static final String PROXY_KEY = ProxiedDatabaseProfile.PROXY_KEY;
}
