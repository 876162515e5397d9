package io.cloudimages.ims.domain.access;

import java.util.Set;

/**
 * Who makes a call, as authentication established it: a project, its roles, and the principal (an access key
 * id, {@code token:<subject>}, or an operator job's name) that the change history records as the actor.
 */
public record Caller(String projectId, Set<String> roles, String principal) {
    public static final String ADMIN_ROLE = "admin";

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** A caller known by its project alone. */
    public Caller(String projectId, Set<String> roles) {
        this(projectId, roles, projectId);
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN_ROLE);
    }
}
