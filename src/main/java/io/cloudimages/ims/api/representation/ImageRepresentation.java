package io.cloudimages.ims.api.representation;

import static io.cloudimages.ims.domain.attribute.AttributeCatalogue.MIN_RAM;

import io.cloudimages.ims.domain.Image;
import io.cloudimages.ims.domain.ImageField;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The serializer step of the call: an image in the shape of the IMS example response (same member names,
 * order and JSON types), with unset optional attributes left out and extension attributes as top-level members.
 */
public final class ImageRepresentation {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /**
     * The members in the order of the IMS example response: links, system fields (by {@link ImageField}) and
     * the modifiable attributes IMS places among them. The other attributes follow in name order.
     */
    public static final List<String> LAYOUT = List.of("file", "owner", "id", "size", "self", "schema", "status",
            "tags", "visibility", "name", "checksum", "deleted", "protected", "container_format", "min_ram",
            "updated_at", "__os_bit", "__os_version", "__description", "disk_format", "__isregistered", "__platform",
            "__os_type", "min_disk", "virtual_env_type", "__image_source_type", "__imagetype", "created_at",
            "virtual_size", "deleted_at", "__originalimagename", "__backup_id", "__productcode", "__image_size",
            "__data_origin", "hw_firmware_type", "max_ram");
    /** Members computed from the id rather than stored. */
    public static final Set<String> LINKS = Set.of("file", "self", "schema");

    private ImageRepresentation() {
    }

    public static Map<String, Object> of(Image image) {
        Map<String, String> attributes = image.attributes();
        Map<String, Object> out = new LinkedHashMap<>();
        for (String member : LAYOUT) {
            Optional<ImageField> field = ImageField.byMemberName(member);
            if (LINKS.contains(member)) {
                out.put(member, link(member, image.id()));
            } else if (field.isPresent()) {
                out.put(member, value(field.get(), image.field(field.get())));
            } else if (MIN_RAM.equals(member)) {
                // Stored as text like every attribute, answered as a number; max_ram stays a string, as IMS has it.
                out.put(member, Integer.parseInt(attributes.get(MIN_RAM)));
            } else if (attributes.containsKey(member)) {
                out.put(member, attributes.get(member));
            }
        }
        attributes.forEach((name, value) -> out.putIfAbsent(name, value));
        return out;
    }

    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    private static String link(String member, String id) {
        return switch (member) {
            case "file" -> "/v2/images/" + id + "/file";
            case "self" -> "/v2/images/" + id;
            default -> "/v2/schemas/image";
        };
    }

    private static Object value(ImageField field, Object value) {
        if (value != null && field.type() == ImageField.Type.TIMESTAMP) {
            return timestamp((Instant) value);
        }
        return value;
    }
}
