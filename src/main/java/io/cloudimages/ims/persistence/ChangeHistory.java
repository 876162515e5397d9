package io.cloudimages.ims.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudimages.ims.application.ChangeRecord;
import io.cloudimages.ims.application.RunHistory;
import io.cloudimages.ims.config.ImsConfig;
import io.cloudimages.ims.domain.history.AttributeChanges;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The change history (table image_change, docs/behaviour.md §9): written in the same statement as the change it
 * records, read back by run for an undo, purged past its retention.
 */
@ApplicationScoped
public class ChangeHistory implements RunHistory {
    private static final TypeReference<Map<String, Map<String, String>>> CHANGES = new TypeReference<>() {
    };
    private static final String BEFORE = "before";
    private static final String AFTER = "after";

    private final TransactionConnection connections;
    private final ObjectMapper json;
    private final boolean enabled;

    ChangeHistory(TransactionConnection connections, ObjectMapper json, ImsConfig config) {
        this.connections = connections;
        this.json = json;
        this.enabled = config.history().enabled();
    }

    /**
     * The change's own statement, followed in the same statement (one round trip) by the insert of its history
     * row: {@code with changed as (update ... returning id) insert ... select ... from changed}, so the row is
     * written exactly when the update is.
     */
    BoundSql withRecord(BoundSql change, ChangeRecord record) {
        if (!enabled) {
            return change;
        }
        List<Object> parameters = new ArrayList<>(change.parameters());
        parameters.add(Timestamp.from(record.at()));
        parameters.add(record.actor());
        parameters.add(record.project());
        parameters.add(record.entryPoint());
        parameters.add(record.requestId());
        parameters.add(record.runId() == null ? null : UUID.fromString(record.runId()));
        parameters.add(ImageRows.write(stored(record.changes()), json));
        return new BoundSql("with changed as (" + change.sql() + " returning id) insert into image_change"
                + " (image_id, changed_at, actor, project, entry_point, request_id, run_id, changes)"
                + " select id, ?, ?, ?, ?, ?, ?, ?::jsonb from changed", parameters);
    }

    @Override
    public Optional<String> projectOfRun(String runId) {
        return connections.call(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select project from image_change where run_id = ? limit 1")) {
                select.setObject(1, UUID.fromString(runId));
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Keyset paging by image id: an undo's memory stays flat whatever the size of the run. */
    @Override
    public List<RunChange> changesOfRun(String runId, Optional<String> afterImageId, int limit) {
        return connections.call(connection -> {
            try (PreparedStatement select = connection.prepareStatement("select image_id::text, changes::text"
                    + " from image_change where run_id = ? and image_id > ? order by image_id limit ?")) {
                select.setObject(1, UUID.fromString(runId));
                select.setObject(2, UUID.fromString(afterImageId.orElse("00000000-0000-0000-0000-000000000000")));
                select.setInt(3, limit);
                List<RunChange> page = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        page.add(new RunChange(row.getString(1), changes(row.getString(2))));
                    }
                }
                return page;
            }
        });
    }

    @Override
    public long countOfRun(String runId) {
        return connections.call(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select count(*) from image_change where run_id = ?")) {
                select.setObject(1, UUID.fromString(runId));
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    @Override
    public int purgeOlderThan(Instant before, int limit) {
        return connections.call(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("delete from image_change where id in"
                    + " (select id from image_change where changed_at < ? limit ?)")) {
                delete.setTimestamp(1, Timestamp.from(before));
                delete.setInt(2, limit);
                return delete.executeUpdate();
            }
        });
    }

    /** {"attribute": {"before": ..., "after": ...}}; a missing member: not set. */
    private static Map<String, Map<String, String>> stored(AttributeChanges changes) {
        Map<String, Map<String, String>> stored = new TreeMap<>();
        changes.byName().forEach((name, change) -> {
            Map<String, String> values = new LinkedHashMap<>();
            if (change.before() != null) {
                values.put(BEFORE, change.before());
            }
            if (change.after() != null) {
                values.put(AFTER, change.after());
            }
            stored.put(name, values);
        });
        return stored;
    }

    private AttributeChanges changes(String text) {
        Map<String, AttributeChanges.Change> byName = new TreeMap<>();
        try {
            json.readValue(text, CHANGES).forEach((name, values) ->
                    byName.put(name, new AttributeChanges.Change(values.get(BEFORE), values.get(AFTER))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a stored history record is not what the schema says", e);
        }
        return new AttributeChanges(byName);
    }
}
