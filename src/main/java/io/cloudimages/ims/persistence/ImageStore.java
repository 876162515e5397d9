package io.cloudimages.ims.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudimages.ims.application.ChangeRecord;
import io.cloudimages.ims.application.ImageRepository;
import io.cloudimages.ims.domain.Image;
import io.cloudimages.ims.domain.access.Caller;
import io.cloudimages.ims.domain.batch.ImageSelector;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Images in PostgreSQL; callers hold the transaction. A PATCH's locked read and its write are explicit SQL on the
 * transaction's connection ({@link ImageRows}, {@link TransactionConnection}); the batch selector's queries go
 * through the entity manager.
 */
@ApplicationScoped
public class ImageStore implements ImageRepository, PanacheRepositoryBase<ImageEntity, UUID> {
    private final ObjectMapper json;
    private final ChangeHistory history;
    private final TransactionConnection connections;

    ImageStore(ObjectMapper json, ChangeHistory history, TransactionConnection connections) {
        this.json = json;
        this.history = history;
        this.connections = connections;
    }

    /** {@code SELECT ... FOR UPDATE}, with the caller's project in the WHERE unless it is an administrator. */
    @Override
    public Optional<LockedImage> lockForUpdate(String id, Caller caller) {
        return connections.call(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    caller.isAdmin() ? ImageRows.LOCK_ANY : ImageRows.LOCK_OWNED)) {
                select.setObject(1, UUID.fromString(id));
                if (!caller.isAdmin()) {
                    select.setString(2, caller.projectId());
                }
                return readOne(select).map(LockedRow::new);
            }
        });
    }

    @Override
    public Optional<Image> find(String id) {
        return connections.call(connection -> {
            try (PreparedStatement select = connection.prepareStatement(ImageRows.SELECT)) {
                select.setObject(1, UUID.fromString(id));
                return readOne(select);
            }
        });
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

    private Optional<Image> readOne(PreparedStatement select) throws SQLException {
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(ImageRows.read(row, json)) : Optional.empty();
        }
    }

    private final class LockedRow implements LockedImage {
        private final Image image;

        private LockedRow(Image image) {
            this.image = image;
        }

        @Override
        public Image image() {
            return image;
        }

        /** One statement: the UPDATE of the touched columns and, when history is kept, the history row. */
        @Override
        public void save(Image changed, ChangeRecord record) {
            int written = connections.call(connection -> {
                try (PreparedStatement write = history.withRecord(
                        ImageRows.update(image, changed, record.changes(), json), record).prepare(connection)) {
                    return write.executeUpdate();
                }
            });
            if (written != 1) {
                // The row is locked by this transaction and its version was read under the lock: not reachable.
                throw new IllegalStateException("the locked image row was not updated");
            }
        }
    }
}
