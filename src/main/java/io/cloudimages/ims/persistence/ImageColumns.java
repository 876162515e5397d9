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
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Where each part of an image is stored: the one table that the mapper (row to domain and back) and the batch
 * selector SQL read. A system field or modifiable attribute that is not listed here is not a column; every
 * modifiable attribute without a column (the flags, GPU types, enterprise_project_id, extension attributes)
 * is a member of the {@code properties} jsonb map.
 */
final class ImageColumns {
    /** A system field's column: its value as text for selectors ({@code null}: not selectable), and its reader. */
    record FieldColumn(ImageField field, String selectorText, Function<ImageEntity, Object> read) {
    }

    /** A modifiable attribute with a column of its own, stored and read in the attribute's text form. */
    record AttributeColumn(String attribute, String selectorText, Function<ImageEntity, String> read,
                           BiConsumer<ImageEntity, String> write) {
    }

    static final List<FieldColumn> FIELDS = List.of(
            new FieldColumn(ImageField.ID, "id::text", e -> e.id.toString()),
            new FieldColumn(ImageField.OWNER, "owner", e -> e.owner),
            new FieldColumn(ImageField.STATUS, "status", e -> e.status),
            new FieldColumn(ImageField.VISIBILITY, "visibility", e -> e.visibility),
            new FieldColumn(ImageField.IMAGE_TYPE, "image_type", e -> e.imageType),
            new FieldColumn(ImageField.DELETED, "deleted::text", e -> e.deleted),
            new FieldColumn(ImageField.PROTECTED, "protected::text", e -> e.isProtected),
            new FieldColumn(ImageField.SIZE, "size::text", e -> e.size),
            new FieldColumn(ImageField.VIRTUAL_SIZE, "virtual_size::text", e -> e.virtualSize),
            new FieldColumn(ImageField.CHECKSUM, "checksum", e -> e.checksum),
            new FieldColumn(ImageField.CONTAINER_FORMAT, "container_format", e -> e.containerFormat),
            new FieldColumn(ImageField.DISK_FORMAT, "disk_format", e -> e.diskFormat),
            new FieldColumn(ImageField.MIN_DISK, "min_disk::text", e -> (long) e.minDisk),
            new FieldColumn(ImageField.TAGS, null, e -> List.copyOf(e.tags)),
            new FieldColumn(ImageField.OS_BIT, "os_bit", e -> e.osBit),
            new FieldColumn(ImageField.OS_VERSION, "os_version", e -> e.osVersion),
            new FieldColumn(ImageField.IS_REGISTERED, "is_registered", e -> e.isRegistered),
            new FieldColumn(ImageField.PLATFORM, "platform", e -> e.platform),
            new FieldColumn(ImageField.OS_TYPE, "os_type", e -> e.osType),
            new FieldColumn(ImageField.VIRTUAL_ENV_TYPE, "virtual_env_type", e -> e.virtualEnvType),
            new FieldColumn(ImageField.IMAGE_SOURCE_TYPE, "image_source_type", e -> e.imageSourceType),
            new FieldColumn(ImageField.ORIGINAL_IMAGE_NAME, "original_image_name", e -> e.originalImageName),
            new FieldColumn(ImageField.BACKUP_ID, "backup_id", e -> e.backupId),
            new FieldColumn(ImageField.PRODUCT_CODE, "product_code", e -> e.productCode),
            new FieldColumn(ImageField.IMAGE_SIZE, "image_size", e -> e.imageSize),
            new FieldColumn(ImageField.DATA_ORIGIN, "data_origin", e -> e.dataOrigin),
            new FieldColumn(ImageField.CREATED_AT, null, e -> e.createdAt),
            new FieldColumn(ImageField.UPDATED_AT, null, e -> e.updatedAt),
            new FieldColumn(ImageField.DELETED_AT, null, e -> e.deletedAt));

    /** name and min_ram cannot be removed, so their columns are never written a null. */
    static final List<AttributeColumn> ATTRIBUTES = List.of(
            new AttributeColumn(NAME, "name", e -> e.name, (e, v) -> e.name = v),
            new AttributeColumn(MIN_RAM, "min_ram::text", e -> Integer.toString(e.minRam),
                    (e, v) -> e.minRam = Integer.parseInt(v)),
            new AttributeColumn(MAX_RAM, "max_ram", e -> e.maxRam, (e, v) -> e.maxRam = v),
            new AttributeColumn(DESCRIPTION, "description", e -> e.description, (e, v) -> e.description = v),
            new AttributeColumn(FIRMWARE_TYPE, "hw_firmware_type", e -> e.firmwareType, (e, v) -> e.firmwareType = v));

    private static final Map<String, String> SELECTOR_TEXT = new HashMap<>();

    static {
        FIELDS.stream().filter(c -> c.selectorText() != null)
                .forEach(c -> SELECTOR_TEXT.put(c.field().memberName(), c.selectorText()));
        ATTRIBUTES.forEach(c -> SELECTOR_TEXT.put(c.attribute(), c.selectorText()));
    }

    private ImageColumns() {
    }

    /** The SQL text of the column holding an attribute, as text; empty when it is a {@code properties} member. */
    static Optional<String> selectorText(String attribute) {
        return Optional.ofNullable(SELECTOR_TEXT.get(attribute));
    }
}
