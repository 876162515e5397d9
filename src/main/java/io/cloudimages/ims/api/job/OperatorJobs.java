package io.cloudimages.ims.api.job;

import io.cloudimages.ims.domain.access.Caller;

import java.util.Set;

/**
 * Jobs run by an operator rather than a caller (batch job mode, FunctionGraph timer events): trusted as an
 * administrator, their scope named by the job itself (selector.owner or all_projects).
 */
public final class OperatorJobs {
    /** The database credentials (job mode) or the platform (timer events) are the authority, not a token. */
    public static final Caller OPERATOR = new Caller("operator", Set.of(Caller.ADMIN_ROLE), "operator");

    private OperatorJobs() {
    }
}
