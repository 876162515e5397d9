package io.cloudimages.ims.image.persistence;

import static io.cloudimages.ims.image.domain.attribute.AttributeCatalogue.DESCRIPTION;
import static io.cloudimages.ims.image.domain.attribute.AttributeCatalogue.FIRMWARE_TYPE;
import static io.cloudimages.ims.image.domain.attribute.AttributeCatalogue.MAX_RAM;
import static io.cloudimages.ims.image.domain.attribute.AttributeCatalogue.MIN_RAM;
import static io.cloudimages.ims.image.domain.attribute.AttributeCatalogue.NAME;

import io.cloudimages.ims.image.domain.Image;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Between the stored row and the domain's {@link Image}: which attribute is a column, which a property. */
final class ImageMapper {
    /** Modifiable attributes with a column of their own; every other one is a member of {@code properties}. */
    static final Set<String> COLUMN_ATTRIBUTES = Set.of(NAME, MIN_RAM, MAX_RAM, DESCRIPTION, FIRMWARE_TYPE);

    private ImageMapper() {
    }

    static Image toDomain(ImageEntity e) {
        return new Image(e.id.toString(), e.owner, e.status, e.visibility, e.imageType, e.deleted, e.isProtected,
                e.size, e.virtualSize, e.checksum, e.containerFormat, e.diskFormat, e.minDisk, e.tags,
                e.osBit, e.osVersion, e.isRegistered, e.platform, e.osType, e.virtualEnvType, e.imageSourceType,
                e.originalImageName, e.backupId, e.productCode, e.imageSize, e.dataOrigin,
                e.createdAt, e.updatedAt, e.deletedAt, attributes(e));
    }

    static Map<String, String> attributes(ImageEntity e) {
        Map<String, String> attributes = new TreeMap<>(e.properties);
        attributes.put(NAME, e.name);
        attributes.put(MIN_RAM, Integer.toString(e.minRam));
        putIfSet(attributes, MAX_RAM, e.maxRam);
        putIfSet(attributes, DESCRIPTION, e.description);
        putIfSet(attributes, FIRMWARE_TYPE, e.firmwareType);
        return attributes;
    }

    /** Writes a patched attribute map back; name and min_ram cannot be removed, so they are always present. */
    static void writeAttributes(Map<String, String> attributes, ImageEntity e) {
        e.name = attributes.get(NAME);
        e.minRam = Integer.parseInt(attributes.get(MIN_RAM));
        e.maxRam = attributes.get(MAX_RAM);
        e.description = attributes.get(DESCRIPTION);
        e.firmwareType = attributes.get(FIRMWARE_TYPE);
        Map<String, String> properties = new TreeMap<>(attributes);
        properties.keySet().removeAll(COLUMN_ATTRIBUTES);
        e.properties = properties;
    }

    private static void putIfSet(Map<String, String> attributes, String name, String value) {
        if (value != null) {
            attributes.put(name, value);
        }
    }
}
