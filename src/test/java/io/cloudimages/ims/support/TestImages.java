package io.cloudimages.ims.support;

import io.cloudimages.ims.demo.DemoData;
import io.cloudimages.ims.persistence.ImageEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/** Fresh images for tests, so that no test depends on another's changes to the demo images. */
public final class TestImages {
    private TestImages() {
    }

    /** A copy of the demo image (every field as in the source document's example) under a new id. */
    public static String create() {
        return create(image -> { });
    }

    public static String create(Consumer<ImageEntity> customize) {
        String id = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            ImageEntity image = DemoData.exampleImage(id, "ims_demo", DemoData.DEMO_PROJECT,
                    Instant.parse("2015-12-04T09:45:33Z"));
            customize.accept(image);
            image.persist();
        });
        return id;
    }

    /** The stored row as it is now, read in its own transaction. */
    public static ImageEntity load(String id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ImageEntity image = ImageEntity.findById(UUID.fromString(id));
            if (image != null) {
                ImageEntity.getEntityManager().detach(image);
            }
            return image;
        });
    }
}
