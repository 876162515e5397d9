package io.cloudimages.ims.domain;

import java.util.regex.Pattern;

/** Image ids: UUIDs in canonical text form, either case, kept in lower case. */
public final class ImageId {
    private static final Pattern CANONICAL_UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ImageId() {
    }

    public static boolean isCanonicalUuid(String text) {
        return CANONICAL_UUID.matcher(text).matches();
    }

    /** The id in lower case, or 400 IMG.0066. */
    public static String parse(String raw) {
        if (raw == null || !isCanonicalUuid(raw)) {
            throw ImsError.INVALID_IMAGE_ID.exception("the image ID must be a UUID such as "
                    + "33ad552d-1149-471c-8190-ff6776174a00");
        }
        return raw.toLowerCase(java.util.Locale.ROOT);
    }
}
