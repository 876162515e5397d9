package io.cloudimages.ims.domain;

/** The {@code If-Match} precondition of a PATCH (docs/behaviour.md §9), compared the strong way (RFC 9110 §13.1.1). */
public final class EntityTags {
    private EntityTags() {
    }

    /**
     * Whether an {@code If-Match} value admits an image whose current tag is {@code currentTag}: {@code *} admits
     * any existing image; otherwise one of the comma-separated tags must be the current one, character for
     * character (a weak tag {@code W/"..."} never matches).
     */
    public static boolean ifMatchHolds(String ifMatch, String currentTag) {
        String value = ifMatch.strip();
        if (value.equals("*")) {
            return true;
        }
        for (String tag : value.split(",")) {
            if (tag.strip().equals(currentTag)) {
                return true;
            }
        }
        return false;
    }

    /** Throws 412 IMG.0412 unless the precondition (if any) holds. */
    public static void checkIfMatch(String ifMatch, Image image) {
        if (ifMatch != null && !ifMatchHolds(ifMatch, image.etag())) {
            throw ImsError.PRECONDITION_FAILED.exception(
                    "the image has changed: its entity tag is no longer the one in If-Match");
        }
    }
}
