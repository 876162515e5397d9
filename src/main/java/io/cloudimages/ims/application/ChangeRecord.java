package io.cloudimages.ims.application;

import io.cloudimages.ims.domain.history.AttributeChanges;

import java.time.Instant;

/**
 * One stored change of one image, as its history keeps it (docs/behaviour.md §9): when, who (a principal, or
 * {@code batch:<run id>}), on whose project's authority, through which entry point, for which request, in which
 * batch run ({@code null}: none), and what it did to each attribute it touched.
 */
public record ChangeRecord(String imageId, Instant at, String actor, String project, String entryPoint,
                           String requestId, String runId, AttributeChanges changes) {
}
