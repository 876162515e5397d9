package io.cloudimages.ims.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudimages.ims.domain.Image;
import io.cloudimages.ims.domain.ImageField;
import io.cloudimages.ims.domain.history.AttributeChanges;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An image row between JDBC and the domain, as {@link ImageColumns} lays it out: the one reader of a row and the
 * one writer of a change. The hot path (a locked read, an update of the changed columns) is plain SQL on the
 * transaction's connection: Hibernate's entity loading, dirty checking and flush cost more CPU per PATCH than
 * the rest of the request together (bench/results/profile-*.md).
 */
final class ImageRows {
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
    };

    /** Every column the domain reads, in the order {@link #read} takes them. */
    static final String SELECT = "select " + Stream.of(
                    ImageColumns.FIELDS.stream().map(ImageColumns.FieldColumn::column),
                    Stream.of(ImageColumns.PROPERTIES, ImageColumns.VERSION),
                    ImageColumns.ATTRIBUTES.stream().map(ImageColumns.AttributeColumn::column))
            .flatMap(s -> s).collect(Collectors.joining(", ")) + " from image where id = ?";
    static final String LOCK_ANY = SELECT + " for update";
    static final String LOCK_OWNED = SELECT + " and owner = ? for update";

    private ImageRows() {
    }

    static Image read(ResultSet row, ObjectMapper json) throws SQLException {
        Map<ImageField, Object> fields = new EnumMap<>(ImageField.class);
        int index = 1;
        for (ImageColumns.FieldColumn column : ImageColumns.FIELDS) {
            fields.put(column.field(), value(row, index++, column.field().type(), json));
        }
        Map<String, String> attributes = new TreeMap<>(parse(row.getString(index++), STRING_MAP, json));
        long version = row.getLong(index++);
        for (ImageColumns.AttributeColumn column : ImageColumns.ATTRIBUTES) {
            String value = row.getString(index++);
            if (value != null) {
                attributes.put(column.attribute(), value);
            }
        }
        return new Image(fields, attributes, version);
    }

    private static Object value(ResultSet row, int index, ImageField.Type type, ObjectMapper json) throws SQLException {
        return switch (type) {
            case TEXT -> row.getString(index);
            case NUMBER -> row.getLong(index);
            case BOOLEAN -> row.getBoolean(index);
            case TIMESTAMP -> {
                OffsetDateTime at = row.getObject(index, OffsetDateTime.class);
                yield at == null ? null : at.toInstant();
            }
            case TEXT_LIST -> List.copyOf(parse(row.getString(index), STRING_LIST, json));
        };
    }

    /**
     * The UPDATE of one change: only the columns it touched (the {@code properties} map as a whole when one of its
     * members changed), the update time, and the new version — conditional on the version read under the lock,
     * so that a write can never land on a state it was not computed from.
     */
    static BoundSql update(Image before, Image after, AttributeChanges changes, ObjectMapper json) {
        List<String> assignments = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        boolean propertiesChanged = false;
        for (String attribute : changes.byName().keySet()) {
            var column = ImageColumns.ofAttribute(attribute);
            if (column.isPresent()) {
                assignments.add(column.get().column() + " = ?::" + column.get().sqlType());
                values.add(after.attributes().get(attribute));
            } else {
                propertiesChanged = true;
            }
        }
        if (propertiesChanged) {
            Map<String, String> properties = new TreeMap<>(after.attributes());
            ImageColumns.ATTRIBUTES.forEach(c -> properties.remove(c.attribute()));
            assignments.add(ImageColumns.PROPERTIES + " = ?::jsonb");
            values.add(write(properties, json));
        }
        values.add(Timestamp.from(after.updatedAt()));
        values.add(after.version());
        values.add(UUID.fromString(before.id()));
        values.add(before.version());
        return new BoundSql("update image set " + String.join(", ", assignments)
                + ", updated_at = ?, version = ? where id = ? and version = ?", values);
    }

    static String write(Object value, ObjectMapper json) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string map could not be written as JSON", e);
        }
    }

    private static <T> T parse(String text, TypeReference<T> type, ObjectMapper json) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored jsonb column is not what the schema says", e);
        }
    }
}
