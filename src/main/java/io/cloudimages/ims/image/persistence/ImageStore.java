package io.cloudimages.ims.image.persistence;

import io.cloudimages.ims.image.domain.Image;
import io.cloudimages.ims.image.domain.access.Caller;
import io.cloudimages.ims.image.domain.batch.ImageSelector;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Loads and saves images; callers hold the transaction. */
@ApplicationScoped
public class ImageStore implements PanacheRepositoryBase<ImageEntity, UUID> {

    /**
     * Reads the image and locks its row until the transaction ends ({@code SELECT ... FOR UPDATE}), so two
     * concurrent patches of one image run one after the other and neither loses the other's change.
     */
    public Optional<LockedImage> lockForUpdate(String id) {
        return findByIdOptional(UUID.fromString(id), LockModeType.PESSIMISTIC_WRITE).map(LockedImage::new);
    }

    /** One page of the ids a batch selector matches, after {@code afterId}, in id order (keyset paging). */
    public List<String> selectIds(ImageSelector selector, Caller caller, Optional<String> afterId, int limit) {
        SelectorSql query = SelectorSql.page(selector, caller, afterId, limit);
        var native_ = getEntityManager().createNativeQuery(query.sql, String.class);
        query.parameters.forEach(native_::setParameter);
        @SuppressWarnings("unchecked")
        List<String> ids = native_.getResultList();
        return ids;
    }

    /** An image row locked by the current transaction. */
    public static final class LockedImage {
        private final ImageEntity entity;

        private LockedImage(ImageEntity entity) {
            this.entity = entity;
        }

        public Image image() {
            return ImageMapper.toDomain(entity);
        }

        /** Stores new attribute values; the transaction's flush writes them in one UPDATE. */
        public Image update(Map<String, String> attributes, Instant now) {
            ImageMapper.writeAttributes(attributes, entity);
            entity.updatedAt = now;
            return image();
        }
    }
}
