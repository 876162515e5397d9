package io.cloudimages.ims.application;

import io.cloudimages.ims.domain.history.AttributeChanges;

import java.util.List;
import java.util.Optional;

/** What batch runs need of the change history: who made a run, what it changed page by page, and the purge. */
public interface RunHistory {

    /** The project on whose authority a batch run changed images; empty when no change of that run is recorded. */
    Optional<String> projectOfRun(String runId);

    /** How many images a run changed. */
    long countOfRun(String runId);

    /** Deletes the records older than {@code before}, at most {@code limit} of them; returns how many. */
    int purgeOlderThan(java.time.Instant before, int limit);

    /** One page of a run's changes, by image id after {@code afterImageId}. */
    List<RunChange> changesOfRun(String runId, Optional<String> afterImageId, int limit);

    /** What a run did to one image. */
    record RunChange(String imageId, AttributeChanges changes) {
    }
}
