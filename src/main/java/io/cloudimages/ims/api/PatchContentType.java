package io.cloudimages.ims.api;

import java.util.Locale;

/** The media types a PATCH body may be sent as (docs/behaviour.md §1.1); anything else is 415 IMG.0415. */
public final class PatchContentType {
    public static final String ACCEPT_PATCH = "application/json, application/openstack-images-v2.1-json-patch";

    private PatchContentType() {
    }

    public static boolean isAccepted(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";", -1);
        String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.equals("application/openstack-images-v2.1-json-patch")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int eq = parameter.indexOf('=');
            String name = (eq < 0 ? parameter : parameter.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            if (name.equals("charset")) {
                String value = eq < 0 ? "" : parameter.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (!value.equalsIgnoreCase("utf-8")) {
                    return false;
                }
            }
        }
        return true;
    }
}
