package io.cloudimages.ims.persistence;

import static io.cloudimages.ims.domain.attribute.AttributeCatalogue.DESCRIPTION;
import static io.cloudimages.ims.domain.attribute.AttributeCatalogue.FIRMWARE_TYPE;
import static io.cloudimages.ims.domain.attribute.AttributeCatalogue.MAX_RAM;
import static io.cloudimages.ims.domain.attribute.AttributeCatalogue.MIN_RAM;
import static io.cloudimages.ims.domain.attribute.AttributeCatalogue.NAME;

import io.cloudimages.ims.domain.ImageField;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each part of an image is stored: the one table that the row reader and writer ({@link ImageRows}) and
 * the batch selector SQL read. A system field or modifiable attribute that is not listed here is not a column;
 * every modifiable attribute without a column (the flags, GPU types, enterprise_project_id, extension attributes)
 * is a member of the {@code properties} jsonb map.
 */
final class ImageColumns {
    /** A system field's column, read as its {@link ImageField.Type} says, and its value as text for selectors. */
    record FieldColumn(ImageField field, String column, String selectorText) {
    }

    /** A modifiable attribute with a column of its own, of SQL type {@code sqlType}, written from its text form. */
    record AttributeColumn(String attribute, String column, String sqlType) {
        String selectorText() {
            return sqlType.equals("text") ? column : column + "::text";
        }
    }

    static final String PROPERTIES = "properties";
    static final String VERSION = "version";

    static final List<FieldColumn> FIELDS = List.of(
            new FieldColumn(ImageField.ID, "id", "id::text"),
            new FieldColumn(ImageField.OWNER, "owner", "owner"),
            new FieldColumn(ImageField.STATUS, "status", "status"),
            new FieldColumn(ImageField.VISIBILITY, "visibility", "visibility"),
            new FieldColumn(ImageField.IMAGE_TYPE, "image_type", "image_type"),
            new FieldColumn(ImageField.DELETED, "deleted", "deleted::text"),
            new FieldColumn(ImageField.PROTECTED, "protected", "protected::text"),
            new FieldColumn(ImageField.SIZE, "size", "size::text"),
            new FieldColumn(ImageField.VIRTUAL_SIZE, "virtual_size", "virtual_size::text"),
            new FieldColumn(ImageField.CHECKSUM, "checksum", "checksum"),
            new FieldColumn(ImageField.CONTAINER_FORMAT, "container_format", "container_format"),
            new FieldColumn(ImageField.DISK_FORMAT, "disk_format", "disk_format"),
            new FieldColumn(ImageField.MIN_DISK, "min_disk", "min_disk::text"),
            new FieldColumn(ImageField.TAGS, "tags", null),
            new FieldColumn(ImageField.OS_BIT, "os_bit", "os_bit"),
            new FieldColumn(ImageField.OS_VERSION, "os_version", "os_version"),
            new FieldColumn(ImageField.IS_REGISTERED, "is_registered", "is_registered"),
            new FieldColumn(ImageField.PLATFORM, "platform", "platform"),
            new FieldColumn(ImageField.OS_TYPE, "os_type", "os_type"),
            new FieldColumn(ImageField.VIRTUAL_ENV_TYPE, "virtual_env_type", "virtual_env_type"),
            new FieldColumn(ImageField.IMAGE_SOURCE_TYPE, "image_source_type", "image_source_type"),
            new FieldColumn(ImageField.ORIGINAL_IMAGE_NAME, "original_image_name", "original_image_name"),
            new FieldColumn(ImageField.BACKUP_ID, "backup_id", "backup_id"),
            new FieldColumn(ImageField.PRODUCT_CODE, "product_code", "product_code"),
            new FieldColumn(ImageField.IMAGE_SIZE, "image_size", "image_size"),
            new FieldColumn(ImageField.DATA_ORIGIN, "data_origin", "data_origin"),
            new FieldColumn(ImageField.CREATED_AT, "created_at", null),
            new FieldColumn(ImageField.UPDATED_AT, "updated_at", null),
            new FieldColumn(ImageField.DELETED_AT, "deleted_at", null));

    /** name and min_ram cannot be removed, so their columns are never written a null. */
    static final List<AttributeColumn> ATTRIBUTES = List.of(
            new AttributeColumn(NAME, "name", "text"),
            new AttributeColumn(MIN_RAM, "min_ram", "integer"),
            new AttributeColumn(MAX_RAM, "max_ram", "text"),
            new AttributeColumn(DESCRIPTION, "description", "text"),
            new AttributeColumn(FIRMWARE_TYPE, "hw_firmware_type", "text"));

    private static final Map<String, String> SELECTOR_TEXT = new HashMap<>();
    private static final Map<String, AttributeColumn> BY_ATTRIBUTE = new HashMap<>();

    static {
        FIELDS.stream().filter(c -> c.selectorText() != null)
                .forEach(c -> SELECTOR_TEXT.put(c.field().memberName(), c.selectorText()));
        ATTRIBUTES.forEach(c -> {
            SELECTOR_TEXT.put(c.attribute(), c.selectorText());
            BY_ATTRIBUTE.put(c.attribute(), c);
        });
    }

    private ImageColumns() {
    }

    /** The SQL text of the column holding an attribute, as text; empty when it is a {@code properties} member. */
    static Optional<String> selectorText(String attribute) {
        return Optional.ofNullable(SELECTOR_TEXT.get(attribute));
    }

    /** The column of its own an attribute has; empty when it is a {@code properties} member. */
    static Optional<AttributeColumn> ofAttribute(String attribute) {
        return Optional.ofNullable(BY_ATTRIBUTE.get(attribute));
    }
}
