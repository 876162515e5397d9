package io.cloudimages.ims.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.cloudimages.ims.support.OfficialSdkSigner;
import io.cloudimages.ims.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The packaged application (the JAR, or the native executable with -Dnative) started as production starts
 * it: its own database URL and keys ({@link PackagedAppDatabase}), no demo mode. With {@code -Paot} (on JDK 25)
 * this run is also the AOT cache's training workload: the same calls a deployed function serves — PATCHes
 * that change an image, refusals, the three functions.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppDatabase.class)
class PackagedFunctionIT {
    static final String IMAGE_ID = PackagedAppDatabase.IMAGE_ID;

    /** Signed by the official SDK's signer, as real clients sign. */
    static io.restassured.specification.RequestSpecification signed(String method, String path, String body) {
        return given().headers(OfficialSdkSigner.sign(PackagedAppDatabase.ACCESS_KEY, PackagedAppDatabase.SECRET_KEY,
                PackagedAppDatabase.PROJECT, method, "http://localhost:" + io.restassured.RestAssured.port, path,
                java.util.Map.of(), body)).body(body);
    }

    /** Records the JDK build that ran (and, in an AOT build, trained) the application, for Dockerfile.jvm's check. */
    @org.junit.jupiter.api.AfterAll
    static void recordTheTrainingJdk() throws java.io.IOException {
        java.nio.file.Path app = java.nio.file.Path.of("target/quarkus-app");
        if (java.nio.file.Files.isDirectory(app)) {
            java.nio.file.Files.writeString(app.resolve("aot-jdk.txt"), System.getProperty("java.runtime.version"));
        }
    }

    @Test
    void servesTheCallAndTheFunctions() {
        String path = "/v2/cloudimages/" + IMAGE_ID;
        for (int i = 0; i < 100; i++) {
            String body = "[{\"op\":\"add\",\"path\":\"/training\",\"value\":\"" + i + "\"}]";
            signed("PATCH", path, body).patch(path).then().statusCode(200).body("training", equalTo(Integer.toString(i)));
        }
        String token = Tokens.forProject(PackagedAppDatabase.tokenKeys.getPrivate(), PackagedAppDatabase.ISSUER,
                PackagedAppDatabase.PROJECT);
        for (int i = 0; i < 100; i++) {
            given().header("X-Auth-Token", token).contentType("application/json")
                    .body("[{\"op\":\"add\",\"path\":\"/training\",\"value\":\"t" + i + "\"}]")
                    .patch("/v2/cloudimages/" + IMAGE_ID)
                    .then().statusCode(200).body("training", equalTo("t" + i));
            given().header("X-Auth-Token", token).contentType("application/json")
                    .body("[{\"op\":\"replace\",\"path\":\"/absent\",\"value\":\"x\"}]")
                    .patch("/v2/cloudimages/" + IMAGE_ID)
                    .then().statusCode(400).body("error.code", equalTo("IMG.0035"));
        }
        given().contentType("application/json").body("[]").patch("/v2/cloudimages/" + IMAGE_ID)
                .then().statusCode(401);
        given().header("X-Auth-Token", token).contentType("application/json")
                .body("{\"image_id\":\"" + IMAGE_ID + "\",\"patch\":[]}").post("/updateImage")
                .then().statusCode(200).body("status", equalTo(200));
        given().header("X-Auth-Token", token).contentType("application/json")
                .body("{\"patch\":[],\"dry_run\":true}").post("/batchUpdateImages")
                .then().statusCode(200).body("status", equalTo(200));
        given().get("/q/health/ready").then().statusCode(200);
    }
}
