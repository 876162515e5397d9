package io.cloudimages.ims.persistence;

import io.cloudimages.ims.domain.Image;
import io.cloudimages.ims.domain.ImageField;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** Between the stored row and the domain's {@link Image}, as {@link ImageColumns} says where each part is. */
final class ImageMapper {
    private ImageMapper() {
    }

    static Image toDomain(ImageEntity e) {
        Map<ImageField, Object> fields = new EnumMap<>(ImageField.class);
        for (ImageColumns.FieldColumn column : ImageColumns.FIELDS) {
            fields.put(column.field(), column.read().apply(e));
        }
        return new Image(fields, attributes(e));
    }

    static Map<String, String> attributes(ImageEntity e) {
        Map<String, String> attributes = new TreeMap<>(e.properties);
        for (ImageColumns.AttributeColumn column : ImageColumns.ATTRIBUTES) {
            String value = column.read().apply(e);
            if (value != null) {
                attributes.put(column.attribute(), value);
            }
        }
        return attributes;
    }

    /** Writes a patched attribute map back: columns first, every other attribute into {@code properties}. */
    static void writeAttributes(Map<String, String> attributes, ImageEntity e) {
        Map<String, String> properties = new TreeMap<>(attributes);
        for (ImageColumns.AttributeColumn column : ImageColumns.ATTRIBUTES) {
            column.write().accept(e, properties.remove(column.attribute()));
        }
        e.properties = properties;
    }
}
