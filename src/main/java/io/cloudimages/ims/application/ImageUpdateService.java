package io.cloudimages.ims.application;

import io.cloudimages.ims.domain.EntityTags;
import io.cloudimages.ims.domain.Image;
import io.cloudimages.ims.domain.ImsException;
import io.cloudimages.ims.domain.access.Caller;
import io.cloudimages.ims.domain.access.ImageAccessPolicy;
import io.cloudimages.ims.domain.history.AttributeChanges;
import io.cloudimages.ims.domain.patch.PatchApplier;
import io.cloudimages.ims.domain.patch.PatchOperation;
import io.cloudimages.ims.domain.patch.PatchResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The application service every entry point calls: one transaction per image, in which the image is loaded
 * and locked, the caller checked, the change computed on a working copy, and the result saved once, with its
 * history record.
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

    /** A PATCH: its operations, whether it is a rehearsal, and its {@code If-Match} precondition (null: none). */
    public record Patch(List<PatchOperation> operations, boolean dryRun, String ifMatch) {
        public static Patch of(List<PatchOperation> operations) {
            return new Patch(operations, false, null);
        }
    }

    /**
     * Applies an already parsed patch to one image on behalf of a caller.
     *
     * @param imageId a canonical, lower-case image id
     * @return the outcome: the image as it is (or would be) after the patch, and whether it changed
     * @throws ImsException with the contract's status and code; the stored image is then unchanged
     */
    public UpdateOutcome update(Caller caller, String imageId, Patch patch, ChangeOrigin origin) {
        return change(caller, imageId, patch.dryRun(), origin, image -> {
            EntityTags.checkIfMatch(patch.ifMatch(), image);
            PatchResult result = PatchApplier.apply(image.attributes(), patch.operations());
            return result.changed() ? result.attributes() : image.attributes();
        });
    }

    /**
     * Takes one image's share of a batch run back (docs/behaviour.md §9.3), as {@link AttributeChanges#undo} decides:
     * only when every attribute the run touched still holds the value the run wrote (otherwise 409 IMG.0409) and the
     * restored state meets the final-state rules.
     */
    public UpdateOutcome undo(Caller caller, String imageId, AttributeChanges runChanges, boolean dryRun,
                              ChangeOrigin origin) {
        return change(caller, imageId, dryRun, origin, image -> runChanges.undo(image.attributes()));
    }

    /** What a change makes of the image's attributes, given the image as it is (locked, and the caller allowed). */
    @FunctionalInterface
    private interface Change {
        Map<String, String> apply(Image image);
    }

    private UpdateOutcome change(Caller caller, String imageId, boolean dryRun, ChangeOrigin origin, Change change) {
        return transactions.inNewTransaction(() -> {
            if (dryRun) {
                // A rehearsal writes nothing, so it locks nothing either.
                Image image = images.find(imageId).orElse(null);
                ImageAccessPolicy.checkModifiable(caller, image, imageId);
                return new UpdateOutcome(image, !change.apply(image).equals(image.attributes()));
            }
            ImageRepository.LockedImage locked = images.lockForUpdate(imageId, caller).orElse(null);
            if (locked == null) {
                // Not the caller's to lock: an unlocked read tells which refusal it gets (404, or 403 if public).
                ImageAccessPolicy.checkModifiable(caller, images.find(imageId).orElse(null), imageId);
                throw ImageAccessPolicy.notFound(imageId);
            }
            Image image = locked.image();
            ImageAccessPolicy.checkModifiable(caller, image, imageId);
            Map<String, String> after = change.apply(image);
            AttributeChanges changes = AttributeChanges.between(image.attributes(), after);
            if (changes.isEmpty()) {
                // Nothing changed: nothing is written, the version (and so the entity tag) stays, no history.
                return new UpdateOutcome(image, false);
            }
            Instant now = now();
            Image changed = image.withAttributes(after, now);
            locked.save(changed, new ChangeRecord(imageId, now, actor(caller, origin), caller.projectId(),
                    origin.entryPoint(), origin.requestId(), origin.runId(), changes));
            return new UpdateOutcome(changed, true);
        });
    }

    /** A batch run's changes are its own (batch:<run id>); any other is the authenticated principal's. */
    private static String actor(Caller caller, ChangeOrigin origin) {
        return origin.runId() != null ? "batch:" + origin.runId() : caller.principal();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** The image after a call, and whether the call changed (or, in a dry run, would change) it. */
    public record UpdateOutcome(Image image, boolean changed) {
    }
}
