package io.cloudimages.ims.application;

import io.cloudimages.ims.domain.Image;
import io.cloudimages.ims.domain.ImsException;
import io.cloudimages.ims.domain.access.Caller;
import io.cloudimages.ims.domain.access.ImageAccessPolicy;
import io.cloudimages.ims.domain.patch.PatchApplier;
import io.cloudimages.ims.domain.patch.PatchOperation;
import io.cloudimages.ims.domain.patch.PatchResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The application service every entry point calls: one transaction per image, in which the image is loaded
 * and locked, the caller checked, the patch applied to a working copy, and the result saved once.
 */
@ApplicationScoped
public class ImageUpdateService {
    private final ImageRepository images;
    private final UnitOfWork transactions;
    private final Clock clock;

    ImageUpdateService(ImageRepository images, UnitOfWork transactions) {
        this.images = images;
        this.transactions = transactions;
        this.clock = Clock.systemUTC();
    }

    /**
     * Applies an already parsed patch to one image on behalf of a caller.
     *
     * @param imageId a canonical, lower-case image id
     * @param dryRun  when true, everything is checked and the result computed, but nothing is written
     * @return the outcome: the image as it is (or would be) after the patch, and whether it changed
     * @throws ImsException with the contract's status and code; the stored image is then unchanged
     */
    public UpdateOutcome update(Caller caller, String imageId, List<PatchOperation> patch, boolean dryRun) {
        return transactions.inNewTransaction(() -> {
            if (dryRun) {
                // A rehearsal writes nothing, so it locks nothing either.
                Image image = images.find(imageId).orElse(null);
                ImageAccessPolicy.checkModifiable(caller, image, imageId);
                return new UpdateOutcome(image, PatchApplier.apply(image.attributes(), patch).changed());
            }
            ImageRepository.LockedImage locked = images.lockForUpdate(imageId, caller).orElse(null);
            if (locked == null) {
                // Not the caller's to lock: an unlocked read tells which refusal it gets (404, or 403 if public).
                ImageAccessPolicy.checkModifiable(caller, images.find(imageId).orElse(null), imageId);
                throw ImageAccessPolicy.notFound(imageId);
            }
            Image image = locked.image();
            ImageAccessPolicy.checkModifiable(caller, image, imageId);
            PatchResult result = PatchApplier.apply(image.attributes(), patch);
            if (!result.changed()) {
                return new UpdateOutcome(image, false);
            }
            return new UpdateOutcome(locked.update(result.attributes(), now()), true);
        });
    }

    public UpdateOutcome update(Caller caller, String imageId, List<PatchOperation> patch) {
        return update(caller, imageId, patch, false);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** The image after a call, and whether the call changed (or, in a dry run, would change) it. */
    public record UpdateOutcome(Image image, boolean changed) {
    }
}
