package io.cloudimages.ims.domain.access;

import io.cloudimages.ims.domain.Image;
import io.cloudimages.ims.domain.ImsError;
import io.cloudimages.ims.domain.ImsException;

/** Who may change which image (docs/behaviour.md §3, steps 4 to 6), in the contract's order. */
public final class ImageAccessPolicy {
    private ImageAccessPolicy() {
    }

    /**
     * @param image the stored image, or {@code null} when there is none with that id
     * @throws io.cloudimages.ims.domain.ImsException 404, 403 or 400 as the contract says
     */
    public static void checkModifiable(Caller caller, Image image, String imageId) {
        // One answer for missing, deleted and foreign: nothing may reveal that another project's image exists.
        if (image == null || image.isGone() || !(caller.isAdmin() || isOwner(caller, image) || image.isPublic())) {
            throw notFound(imageId);
        }
        if (image.isPublic() && !caller.isAdmin()) {
            throw ImsError.PUBLIC_IMAGE.exception("a public image can only be changed by an administrator");
        }
        if (!Image.STATUS_ACTIVE.equals(image.status())) {
            throw ImsError.IMAGE_NOT_ACTIVE.exception(
                    "only an active image can be changed; this image is " + image.status());
        }
    }

    /** 404 IMG.0027: the one answer for a missing, deleted or foreign image. */
    public static ImsException notFound(String imageId) {
        return ImsError.IMAGE_NOT_FOUND.exception("image " + imageId + " could not be found");
    }

    private static boolean isOwner(Caller caller, Image image) {
        return caller.projectId().equals(image.owner());
    }
}
