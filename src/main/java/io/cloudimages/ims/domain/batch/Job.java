package io.cloudimages.ims.domain.batch;

/** What a batch trigger asks for: a patch over the images a selector matches, or the undo of an earlier run. */
public sealed interface Job permits BatchJob, UndoJob {
    boolean dryRun();
}
