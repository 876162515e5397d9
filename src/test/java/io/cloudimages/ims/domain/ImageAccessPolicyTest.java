package io.cloudimages.ims.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cloudimages.ims.domain.access.Caller;
import io.cloudimages.ims.domain.access.ImageAccessPolicy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

class ImageAccessPolicyTest {
    static final String OWNER = "0b1e494e2660441a957313163095fe5c";
    static final Caller OWNER_CALLER = new Caller(OWNER, Set.of());
    static final Caller OTHER = new Caller("9c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f", Set.of());
    static final Caller ADMIN = new Caller("00000000000000000000000000000000", Set.of("admin"));

    static Image image(String owner, String status, boolean deleted, String type) {
        return new Image(Map.of(ImageField.ID, "id", ImageField.OWNER, owner, ImageField.STATUS, status,
                ImageField.IMAGE_TYPE, type, ImageField.DELETED, deleted, ImageField.UPDATED_AT, Instant.EPOCH),
                Map.of("name", "n", "min_ram", "0"), 1);
    }

    static ImsError refusal(Caller caller, Image image) {
        return assertThrows(ImsException.class, () -> ImageAccessPolicy.checkModifiable(caller, image, "id")).error();
    }

    @Test
    void ownerAndAdminMayChangeAnActivePrivateImage() {
        ImageAccessPolicy.checkModifiable(OWNER_CALLER, image(OWNER, "active", false, "private"), "id");
        ImageAccessPolicy.checkModifiable(ADMIN, image(OWNER, "active", false, "private"), "id");
    }

    @Test
    void missingDeletedAndForeignImagesAreTheSame404() {
        assertEquals(ImsError.IMAGE_NOT_FOUND, refusal(OWNER_CALLER, null));
        assertEquals(ImsError.IMAGE_NOT_FOUND, refusal(OWNER_CALLER, image(OWNER, "deleted", false, "private")));
        assertEquals(ImsError.IMAGE_NOT_FOUND, refusal(OWNER_CALLER, image(OWNER, "active", true, "private")));
        assertEquals(ImsError.IMAGE_NOT_FOUND, refusal(OTHER, image(OWNER, "active", false, "private")));
        assertEquals(ImsError.IMAGE_NOT_FOUND, refusal(OTHER, image(OWNER, "queued", false, "shared")));
        assertEquals(ImsError.IMAGE_NOT_FOUND, refusal(ADMIN, image(OWNER, "active", true, "private")));
    }

    @Test
    void publicImagesOnlyByAdmin() {
        assertEquals(ImsError.PUBLIC_IMAGE, refusal(OTHER, image("00000000000000000000000000000000", "active", false, "gold")));
        assertEquals(ImsError.PUBLIC_IMAGE, refusal(new Caller("00000000000000000000000000000000", Set.of()),
                image("00000000000000000000000000000000", "active", false, "gold")));
        ImageAccessPolicy.checkModifiable(ADMIN, image("00000000000000000000000000000000", "active", false, "gold"), "id");
    }

    @Test
    void onlyActiveImagesAfterTheAccessChecks() {
        for (String status : new String[] {"queued", "saving", "killed"}) {
            assertEquals(ImsError.IMAGE_NOT_ACTIVE, refusal(OWNER_CALLER, image(OWNER, status, false, "private")));
        }
        // 404 and 403 come before the status.
        assertEquals(ImsError.IMAGE_NOT_FOUND, refusal(OTHER, image(OWNER, "queued", false, "private")));
        assertEquals(ImsError.PUBLIC_IMAGE, refusal(OWNER_CALLER, image(OWNER, "queued", false, "gold")));
    }
}
