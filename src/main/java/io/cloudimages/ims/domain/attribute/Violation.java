package io.cloudimages.ims.domain.attribute;

import io.cloudimages.ims.domain.ImsError;

/** A value refused by a rule; the caller adds which operation it came from. */
final class Violation extends RuntimeException {
    final ImsError error;

    Violation(ImsError error, String reason) {
        super(reason, null, false, false);
        this.error = error;
    }
}
