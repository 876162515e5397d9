package io.cloudimages.ims.persistence;

import io.cloudimages.ims.application.ImageRepository;
import io.cloudimages.ims.domain.Image;
import io.cloudimages.ims.domain.access.Caller;
import io.cloudimages.ims.domain.batch.ImageSelector;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Images in PostgreSQL through Panache; callers hold the transaction. */
@ApplicationScoped
public class ImageStore implements ImageRepository, PanacheRepositoryBase<ImageEntity, UUID> {

    /** {@code SELECT ... FOR UPDATE}, with the caller's project in the WHERE unless it is an administrator. */
    @Override
    public Optional<LockedImage> lockForUpdate(String id, Caller caller) {
        UUID uuid = UUID.fromString(id);
        Optional<ImageEntity> row = caller.isAdmin()
                ? findByIdOptional(uuid, LockModeType.PESSIMISTIC_WRITE)
                : find("id = ?1 and owner = ?2", uuid, caller.projectId())
                        .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
        return row.map(LockedRow::new);
    }

    @Override
    public Optional<Image> find(String id) {
        return findByIdOptional(UUID.fromString(id)).map(ImageMapper::toDomain);
    }

    @Override
    public long count(ImageSelector selector, Caller caller) {
        SelectorSql query = SelectorSql.count(selector, caller);
        var native_ = getEntityManager().createNativeQuery(query.sql, Long.class);
        query.parameters.forEach(native_::setParameter);
        return ((Number) native_.getSingleResult()).longValue();
    }

    /** Keyset paging: memory stays flat whatever the number of matching images. */
    @Override
    public List<String> selectIds(ImageSelector selector, Caller caller, Optional<String> afterId, int limit) {
        SelectorSql query = SelectorSql.page(selector, caller, afterId, limit);
        var native_ = getEntityManager().createNativeQuery(query.sql, String.class);
        query.parameters.forEach(native_::setParameter);
        @SuppressWarnings("unchecked")
        List<String> ids = native_.getResultList();
        return ids;
    }

    private static final class LockedRow implements LockedImage {
        private final ImageEntity entity;

        private LockedRow(ImageEntity entity) {
            this.entity = entity;
        }

        @Override
        public Image image() {
            return ImageMapper.toDomain(entity);
        }

        /** The transaction's flush writes the changed columns in one UPDATE. */
        @Override
        public Image update(Map<String, String> attributes, Instant now) {
            ImageMapper.writeAttributes(attributes, entity);
            entity.updatedAt = now;
            return image();
        }
    }
}
