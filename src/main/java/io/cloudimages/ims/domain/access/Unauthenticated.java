package io.cloudimages.ims.domain.access;

import io.cloudimages.ims.domain.ImsError;
import io.cloudimages.ims.domain.ImsException;

/** The 401 answer of the API gateway, whatever the reason (docs/behaviour.md §5). */
public final class Unauthenticated {
    private Unauthenticated() {
    }

    public static ImsException because(String reason) {
        return ImsError.UNAUTHENTICATED.exception("Incorrect IAM authentication information: " + reason);
    }
}
