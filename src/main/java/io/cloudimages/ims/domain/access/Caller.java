package io.cloudimages.ims.domain.access;

import java.util.Set;

/** Who makes a call, as authentication established it: a project and its roles. */
public record Caller(String projectId, Set<String> roles) {
    public static final String ADMIN_ROLE = "admin";

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN_ROLE);
    }
}
