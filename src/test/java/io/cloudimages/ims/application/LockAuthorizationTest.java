package io.cloudimages.ims.application;

import static io.cloudimages.ims.support.Api.JSON;
import static io.cloudimages.ims.support.Api.patchWithToken;
import static io.cloudimages.ims.support.Api.request;
import static io.cloudimages.ims.support.ErrorAnswers.expectError;
import static org.hamcrest.Matchers.equalTo;

import io.cloudimages.ims.demo.DemoData;
import io.cloudimages.ims.demo.ProxiedDatabaseProfile;
import io.cloudimages.ims.support.TestImages;
import io.cloudimages.ims.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.UUID;

/**
 * Nobody can hold the lock of another project's image: the caller is authorised in the locking query, so a
 * foreign PATCH of an image whose row is locked is answered 404 at once instead of waiting for the lock (and
 * timing out with 503); and a dry run locks nothing, so it runs beside a lock holder.
 */
@QuarkusTest
class LockAuthorizationTest {

    @Test
    void foreignCallersAndDryRunsNeverWaitForAnImagesLock() throws Exception {
        String project = UUID.randomUUID().toString().replace("-", "");
        String id = TestImages.create(image -> image.owner = project);
        try (Connection holder = DriverManager.getConnection(ProxiedDatabaseProfile.directJdbcUrl(), "postgres", "postgres")) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("select id from image where id = cast(? as uuid) for update")) {
                lock.setString(1, id);
                lock.executeQuery().close();
            }
            // Would wait for the lock (3 s) and answer 503 if the row were locked before the caller is known.
            expectError(patchWithToken(Tokens.forProject(DemoData.OTHER_PROJECT), id,
                    "[{\"op\":\"add\",\"path\":\"/foreign\",\"value\":\"x\"}]"), 404, "IMG.0027");
            request().header("X-Auth-Token", Tokens.forProject(project)).contentType(JSON).body("{\"selector\":{\"owner\":\"" + project + "\"},"
                            + "\"patch\":[{\"op\":\"add\",\"path\":\"/dry\",\"value\":\"x\"}],\"dry_run\":true}")
                    .post("/batchUpdateImages").then().statusCode(200).body("status", equalTo(200)).body("matched", equalTo(1))
                    .body("changed", equalTo(1)).body("failed_count", equalTo(0));
            holder.rollback();
        }
    }
}
