package io.cloudimages.ims.domain.batch;

/**
 * {@code {"undo": "<run_id>", "dry_run": ...}}: take back what a batch run changed, image by image, only where
 * the run's values still stand (docs/behaviour.md §9).
 */
public record UndoJob(String runId, boolean dryRun) implements Job {
}
