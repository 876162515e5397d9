package io.cloudimages.ims.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The system fields of an image: what the image service sets and no patch may change (docs/behaviour.md,
 * "Read-only and reserved names"), each with its member name in the answer and the JSON type it is written as.
 * The modifiable attributes are not here: they live in {@link Image#attributes()} by name.
 */
public enum ImageField {
    ID("id", Type.TEXT),
    OWNER("owner", Type.TEXT),
    STATUS("status", Type.TEXT),
    VISIBILITY("visibility", Type.TEXT),
    IMAGE_TYPE("__imagetype", Type.TEXT),
    DELETED("deleted", Type.BOOLEAN),
    PROTECTED("protected", Type.BOOLEAN),
    SIZE("size", Type.NUMBER),
    VIRTUAL_SIZE("virtual_size", Type.NUMBER),
    CHECKSUM("checksum", Type.TEXT),
    CONTAINER_FORMAT("container_format", Type.TEXT),
    DISK_FORMAT("disk_format", Type.TEXT),
    MIN_DISK("min_disk", Type.NUMBER),
    TAGS("tags", Type.TEXT_LIST),
    OS_BIT("__os_bit", Type.TEXT),
    OS_VERSION("__os_version", Type.TEXT),
    IS_REGISTERED("__isregistered", Type.TEXT),
    PLATFORM("__platform", Type.TEXT),
    OS_TYPE("__os_type", Type.TEXT),
    VIRTUAL_ENV_TYPE("virtual_env_type", Type.TEXT),
    IMAGE_SOURCE_TYPE("__image_source_type", Type.TEXT),
    ORIGINAL_IMAGE_NAME("__originalimagename", Type.TEXT),
    BACKUP_ID("__backup_id", Type.TEXT),
    PRODUCT_CODE("__productcode", Type.TEXT),
    IMAGE_SIZE("__image_size", Type.TEXT),
    DATA_ORIGIN("__data_origin", Type.TEXT),
    CREATED_AT("created_at", Type.TIMESTAMP),
    UPDATED_AT("updated_at", Type.TIMESTAMP),
    DELETED_AT("deleted_at", Type.TIMESTAMP);

    /** The Java value a field holds: {@code String}, {@code Long}, {@code Boolean}, {@code Instant}, {@code List<String>}. */
    public enum Type { TEXT, NUMBER, BOOLEAN, TIMESTAMP, TEXT_LIST }

    private static final Map<String, ImageField> BY_MEMBER_NAME = new HashMap<>();

    static {
        for (ImageField field : values()) {
            BY_MEMBER_NAME.put(field.memberName, field);
        }
    }

    private final String memberName;
    private final Type type;

    ImageField(String memberName, Type type) {
        this.memberName = memberName;
        this.type = type;
    }

    public String memberName() {
        return memberName;
    }

    public Type type() {
        return type;
    }

    public static Optional<ImageField> byMemberName(String name) {
        return Optional.ofNullable(BY_MEMBER_NAME.get(name));
    }
}
