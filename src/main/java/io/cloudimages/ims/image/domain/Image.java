package io.cloudimages.ims.image.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An image as the domain sees it: the system fields, which no patch may change, and the modifiable
 * attributes (CONTRACT 2.2) by name in their stored text form.
 */
public record Image(
        String id,
        String owner,
        String status,
        String visibility,
        String imageType,
        boolean deleted,
        boolean isProtected,
        long size,
        long virtualSize,
        String checksum,
        String containerFormat,
        String diskFormat,
        int minDisk,
        List<String> tags,
        String osBit,
        String osVersion,
        String isRegistered,
        String platform,
        String osType,
        String virtualEnvType,
        String imageSourceType,
        String originalImageName,
        String backupId,
        String productCode,
        String imageSize,
        String dataOrigin,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt,
        Map<String, String> attributes) {

    public static final String STATUS_ACTIVE = "active";
    public static final String STATUS_DELETED = "deleted";
    public static final String TYPE_PUBLIC = "gold";

    public Image {
        tags = List.copyOf(tags);
        attributes = Map.copyOf(attributes);
    }

    public boolean isGone() {
        return deleted || STATUS_DELETED.equals(status);
    }

    public boolean isPublic() {
        return TYPE_PUBLIC.equals(imageType);
    }
}
