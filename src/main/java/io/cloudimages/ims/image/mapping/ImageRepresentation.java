package io.cloudimages.ims.image.mapping;

import static io.cloudimages.ims.image.domain.attribute.AttributeCatalogue.DESCRIPTION;
import static io.cloudimages.ims.image.domain.attribute.AttributeCatalogue.FIRMWARE_TYPE;
import static io.cloudimages.ims.image.domain.attribute.AttributeCatalogue.MAX_RAM;
import static io.cloudimages.ims.image.domain.attribute.AttributeCatalogue.MIN_RAM;
import static io.cloudimages.ims.image.domain.attribute.AttributeCatalogue.NAME;

import io.cloudimages.ims.image.domain.Image;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The serializer step of the call: an image in the shape of the IMS example response (same member names,
 * order and JSON types), with unset optional attributes left out and extension attributes as top-level members.
 */
public final class ImageRepresentation {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    /** Attributes written at their fixed place below rather than with the other optional ones. */
    private static final Set<String> PLACED = Set.of(NAME, MIN_RAM, DESCRIPTION, FIRMWARE_TYPE);

    private ImageRepresentation() {
    }

    public static Map<String, Object> of(Image image) {
        Map<String, String> attributes = image.attributes();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", "/v2/images/" + image.id() + "/file");
        out.put("owner", image.owner());
        out.put("id", image.id());
        out.put("size", image.size());
        out.put("self", "/v2/images/" + image.id());
        out.put("schema", "/v2/schemas/image");
        out.put("status", image.status());
        out.put("tags", image.tags());
        out.put("visibility", image.visibility());
        out.put("name", attributes.get(NAME));
        out.put("checksum", image.checksum());
        out.put("deleted", image.deleted());
        out.put("protected", image.isProtected());
        out.put("container_format", image.containerFormat());
        out.put("min_ram", Integer.parseInt(attributes.get(MIN_RAM)));
        out.put("updated_at", timestamp(image.updatedAt()));
        out.put("__os_bit", image.osBit());
        out.put("__os_version", image.osVersion());
        putIfSet(out, DESCRIPTION, attributes.get(DESCRIPTION));
        out.put("disk_format", image.diskFormat());
        out.put("__isregistered", image.isRegistered());
        out.put("__platform", image.platform());
        out.put("__os_type", image.osType());
        out.put("min_disk", image.minDisk());
        out.put("virtual_env_type", image.virtualEnvType());
        out.put("__image_source_type", image.imageSourceType());
        out.put("__imagetype", image.imageType());
        out.put("created_at", timestamp(image.createdAt()));
        out.put("virtual_size", image.virtualSize());
        out.put("deleted_at", image.deletedAt() == null ? null : timestamp(image.deletedAt()));
        out.put("__originalimagename", image.originalImageName());
        out.put("__backup_id", image.backupId());
        out.put("__productcode", image.productCode());
        out.put("__image_size", image.imageSize());
        out.put("__data_origin", image.dataOrigin());
        putIfSet(out, FIRMWARE_TYPE, attributes.get(FIRMWARE_TYPE));
        // max_ram stays a string, as IMS returns it; the flags and extension attributes follow in name order.
        putIfSet(out, MAX_RAM, attributes.get(MAX_RAM));
        attributes.entrySet().stream()
                .filter(e -> !PLACED.contains(e.getKey()) && !MAX_RAM.equals(e.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    private static void putIfSet(Map<String, Object> out, String name, String value) {
        if (value != null) {
            out.put(name, value);
        }
    }
}
