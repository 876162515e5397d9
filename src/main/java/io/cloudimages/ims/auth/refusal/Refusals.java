package io.cloudimages.ims.auth.refusal;

import io.cloudimages.ims.domain.ImsException;
import io.cloudimages.ims.domain.access.Unauthenticated;
import io.cloudimages.ims.observability.Counters;
import org.jboss.logging.Logger;

/**
 * The two kinds of 401. What is wrong with a request's form may be said in the answer; the state of a
 * credential (unknown, disabled, locked, another project's, a wrong signature, an invalid token) never is:
 * every such refusal has one message, and the real reason goes to the log only.
 */
public final class Refusals {
    /** The one answer for every credential state. */
    public static final String CREDENTIALS_NOT_VALID = "the credentials are not valid";
    private static final Logger LOG = Logger.getLogger(Refusals.class);

    private Refusals() {
    }

    /**
     * A request whose form is wrong: the reason is the answer's.
     *
     * @param key a short, fixed name of the reason, for the refusal counter ({@code ims_auth_refusals_total})
     */
    public static ImsException form(String key, String reason) {
        Counters.refusal(key);
        LOG.infof("request refused: %s", reason);
        return Unauthenticated.because(reason);
    }

    /** A credential refused: the reason is logged and counted, the answer says only {@link #CREDENTIALS_NOT_VALID}. */
    public static ImsException credential(String key, String reason) {
        Counters.refusal(key);
        LOG.infof("request refused: %s", reason);
        return Unauthenticated.because(CREDENTIALS_NOT_VALID);
    }
}
