package io.cloudimages.ims.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An image as the domain sees it: its system fields, which no patch may change, and its modifiable attributes
 * (docs/behaviour.md, "Modifiable attributes") by name in their stored text form.
 *
 * @param fields     system field values of the Java type {@link ImageField.Type} names; a field may be null
 * @param attributes the modifiable and extension attributes that are set
 * @param version    how many times the stored image has been changed; its entity tag follows from it
 */
public record Image(Map<ImageField, Object> fields, Map<String, String> attributes, long version) {

    public static final String STATUS_ACTIVE = "active";
    public static final String STATUS_DELETED = "deleted";
    public static final String TYPE_PUBLIC = "gold";

    public Image {
        fields = Collections.unmodifiableMap(fields.isEmpty() ? new EnumMap<>(ImageField.class) : new EnumMap<>(fields));
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    public Object field(ImageField field) {
        return fields.get(field);
    }

    public String id() {
        return (String) fields.get(ImageField.ID);
    }

    public String owner() {
        return (String) fields.get(ImageField.OWNER);
    }

    public String status() {
        return (String) fields.get(ImageField.STATUS);
    }

    public Instant updatedAt() {
        return (Instant) fields.get(ImageField.UPDATED_AT);
    }

    public boolean isGone() {
        return Boolean.TRUE.equals(fields.get(ImageField.DELETED)) || STATUS_DELETED.equals(status());
    }

    public boolean isPublic() {
        return TYPE_PUBLIC.equals(fields.get(ImageField.IMAGE_TYPE));
    }

    /** The same image with other attributes and update time, as a stored change leaves it (a new version). */
    public Image withAttributes(Map<String, String> newAttributes, Instant updatedAt) {
        Map<ImageField, Object> updated = new EnumMap<>(fields);
        updated.put(ImageField.UPDATED_AT, updatedAt);
        return new Image(updated, newAttributes, version + 1);
    }

    /**
     * The strong entity tag of this state of the image (docs/behaviour.md §9): the version is raised by every
     * stored change and by nothing else, so the tag changes whenever the image does, and only then.
     */
    public String etag() {
        return "\"" + version + "\"";
    }
}
