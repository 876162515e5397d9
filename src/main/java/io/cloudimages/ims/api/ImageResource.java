package io.cloudimages.ims.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one resource this function serves, {@code PATCH /v2/cloudimages/{image_id}}, as every entry point
 * addresses it: the Vert.x route by its route path, an API-gateway event by the path it describes.
 */
public final class ImageResource {
    public static final String ROUTE_PATH = "/v2/cloudimages/:image_id";
    public static final String METHOD = "PATCH";
    private static final Pattern PATH = Pattern.compile("/v2/cloudimages/([^/]+)");

    private ImageResource() {
    }

    /** The raw (unchecked) image id of a request path, or empty when the path is not this resource's. */
    public static Optional<String> rawImageId(String path) {
        Matcher matcher = PATH.matcher(path);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
