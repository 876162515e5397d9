package io.cloudimages.ims.application;

import io.cloudimages.ims.domain.Image;
import io.cloudimages.ims.domain.access.Caller;
import io.cloudimages.ims.domain.batch.ImageSelector;

import java.util.List;
import java.util.Optional;

/** What the application needs of image storage; the persistence adapter implements it. Callers hold the transaction. */
public interface ImageRepository {

    /**
     * Reads the image and locks it until the transaction ends, so that two concurrent patches of one image run
     * one after the other and neither loses the other's change — but only when the caller owns it or is an
     * administrator: nobody can hold the lock of another project's image. Empty otherwise, or when absent.
     */
    Optional<LockedImage> lockForUpdate(String imageId, Caller caller);

    /** Reads the image without locking it (a refusal's reason, a dry run). */
    Optional<Image> find(String imageId);

    /** How many images a batch selector matches for a caller (a batch job's total, for its progress). */
    long count(ImageSelector selector, Caller caller);

    /** One page of the ids a batch selector matches for a caller, after {@code afterId}, in id order. */
    List<String> selectIds(ImageSelector selector, Caller caller, Optional<String> afterId, int limit);

    /** An image locked by the current transaction. */
    interface LockedImage {
        Image image();

        /**
         * Stores a change of the image (the attributes it touched, a new version) and its history record, both in
         * the current transaction.
         */
        void save(Image changed, ChangeRecord record);
    }
}
