package io.cloudimages.ims.application;

import io.cloudimages.ims.domain.ImsError;
import io.cloudimages.ims.domain.ImsException;
import io.cloudimages.ims.domain.access.Caller;
import io.cloudimages.ims.domain.batch.BatchJob;
import io.cloudimages.ims.domain.batch.Job;
import io.cloudimages.ims.domain.batch.UndoJob;
import io.cloudimages.ims.config.ImsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs a batch job: matching ids (or, for an undo, the images a run changed) are read a page at a time (keyset
 * paging, so memory stays flat whatever the number of images), and each image is changed in its own transaction
 * by {@link ImageUpdateService}, with the same rules as one PATCH. One image's refusal is reported and the batch
 * goes on; a database that stops answering stops the batch. Every run that writes gets a run id, which its
 * history records carry and an undo names.
 */
@ApplicationScoped
public class BatchUpdateService {
    static final int PAGE_SIZE = 500;
    public static final int MAX_LISTED_FAILURES = 100;
    /** History records deleted per statement when purging, so that no purge holds locks for long. */
    static final int PURGE_CHUNK = 5_000;
    private static final Logger LOG = Logger.getLogger(BatchUpdateService.class);

    private final ImageRepository store;
    private final RunHistory history;
    private final UnitOfWork transactions;
    private final ImageUpdateService images;
    /** Each page query and each image gets this long: a batch outlives any request deadline, its steps don't. */
    private final Duration stepDeadline;
    private final Duration retention;
    private final Clock clock = Clock.systemUTC();

    BatchUpdateService(ImageRepository store, RunHistory history, UnitOfWork transactions, ImageUpdateService images,
                       ImsConfig config) {
        this.store = store;
        this.history = history;
        this.transactions = transactions;
        this.images = images;
        this.stepDeadline = config.requestDeadline();
        this.retention = config.history().retention();
    }

    /** A failure of one image (for an undo's conflicts: 409 IMG.0409). */
    public record Failure(String imageId, ImsException error) {
    }

    /**
     * The outcome; {@code stoppedBy} is set when the database stopped answering, with the counts so far.
     * {@code matched = changed + unchanged + failedCount + conflicts}; {@code runId} is present when the run
     * wrote something; {@code undo} says whether this was an undo (whose answer lists its conflicts).
     */
    public record BatchReport(boolean dryRun, int matched, int changed, int unchanged, int failedCount,
                              List<Failure> failures, boolean truncated, Optional<ImsException> stoppedBy,
                              Optional<String> runId, boolean undo, int conflicts, List<Failure> conflicted) {
    }

    /** Told after each image, for a long batch's progress lines. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, changed, unchanged, failed) -> { };

        void imageDone(int done, int changed, int unchanged, int failed);
    }

    /** How many images the job touches at most now (a batch job counts first, to tell its progress). */
    public long count(Caller caller, Job job) {
        return Deadline.after(stepDeadline).run(() -> transactions.inNewTransaction(() -> {
            if (job instanceof UndoJob undo) {
                checkMayUndo(caller, undo);
                return history.countOfRun(undo.runId());
            }
            return store.count(((BatchJob) job).selector(), caller);
        }));
    }

    public BatchReport run(Caller caller, Job job, ChangeOrigin origin) {
        return run(caller, job, origin, Progress.NONE);
    }

    public BatchReport run(Caller caller, Job job, ChangeOrigin origin, Progress progress) {
        ChangeOrigin inRun = origin.inRun(UUID.randomUUID().toString());
        return job instanceof UndoJob undo
                ? undo(caller, undo, inRun, progress)
                : patch(caller, (BatchJob) job, inRun, progress);
    }

    /**
     * Deletes the history records older than the retention (ims.history.retention), a chunk per transaction;
     * returns how many.
     */
    public long purgeHistory() {
        Instant before = clock.instant().minus(retention);
        long purged = 0;
        int deleted;
        do {
            deleted = Deadline.after(stepDeadline).run(() -> transactions.inNewTransaction(
                    () -> history.purgeOlderThan(before, PURGE_CHUNK)));
            purged += deleted;
        } while (deleted == PURGE_CHUNK);
        return purged;
    }

    private BatchReport patch(Caller caller, BatchJob job, ChangeOrigin origin, Progress progress) {
        Tally tally = new Tally(job.dryRun(), origin.runId(), false);
        Optional<String> after = Optional.empty();
        int pages = 0;
        ImageUpdateService.Patch patch = new ImageUpdateService.Patch(job.patch(), job.dryRun(), null);
        try {
            while (tally.done() < job.maxImages()) {
                int limit = Math.min(PAGE_SIZE, job.maxImages() - tally.done());
                Optional<String> cursor = after;
                List<String> ids = Deadline.after(stepDeadline).run(() -> transactions.inNewTransaction(
                        () -> store.selectIds(job.selector(), caller, cursor, limit)));
                for (String id : ids) {
                    oneImage(tally, progress, id, () -> images.update(caller, id, patch, origin));
                }
                pages++;
                LOG.infof("batch page %d: %s", pages, tally);
                if (ids.size() < limit) {
                    return tally.report(false, Optional.empty());
                }
                after = Optional.of(ids.get(ids.size() - 1));
            }
            Optional<String> last = after;
            boolean more = !Deadline.after(stepDeadline).run(() -> transactions.inNewTransaction(
                    () -> store.selectIds(job.selector(), caller, last, 1))).isEmpty();
            return tally.report(more, Optional.empty());
        } catch (ImsException stop) {
            LOG.warnf("batch stopped after %d images: %s", tally.done(), stop.error().code());
            return tally.report(false, Optional.of(stop));
        }
    }

    /** The run's changes, image by image in id order, each restored only where the run's values still stand. */
    private BatchReport undo(Caller caller, UndoJob job, ChangeOrigin origin, Progress progress) {
        Tally tally = new Tally(job.dryRun(), origin.runId(), true);
        try {
            Deadline.after(stepDeadline).run(() -> transactions.inNewTransaction(() -> {
                checkMayUndo(caller, job);
                return null;
            }));
            Optional<String> after = Optional.empty();
            while (true) {
                Optional<String> cursor = after;
                List<RunHistory.RunChange> page = Deadline.after(stepDeadline).run(() -> transactions.inNewTransaction(
                        () -> history.changesOfRun(job.runId(), cursor, PAGE_SIZE)));
                for (RunHistory.RunChange change : page) {
                    oneImage(tally, progress, change.imageId(),
                            () -> images.undo(caller, change.imageId(), change.changes(), job.dryRun(), origin));
                }
                LOG.infof("undo of run %s: %s", job.runId(), tally);
                if (page.size() < PAGE_SIZE) {
                    return tally.report(false, Optional.empty());
                }
                after = Optional.of(page.get(page.size() - 1).imageId());
            }
        } catch (ImsException stop) {
            if (stop.error() != ImsError.DATABASE_UNAVAILABLE) {
                throw stop;
            }
            LOG.warnf("undo stopped after %d images: %s", tally.done(), stop.error().code());
            return tally.report(false, Optional.of(stop));
        }
    }

    /** One image of a run, in its own transaction under a deadline of its own, counted and told to the progress. */
    private void oneImage(Tally tally, Progress progress, String imageId,
                          Supplier<ImageUpdateService.UpdateOutcome> change) {
        tally.step(imageId, () -> Deadline.after(stepDeadline).run(change).changed());
        progress.imageDone(tally.done(), tally.changed, tally.unchanged, tally.failedCount);
    }

    /** 404 IMG.0404 for a run nobody recorded and for another project's run, alike, unless the caller is an admin. */
    private void checkMayUndo(Caller caller, UndoJob job) {
        Optional<String> project = history.projectOfRun(job.runId());
        if (project.isEmpty() || !(caller.isAdmin() || project.get().equals(caller.projectId()))) {
            throw ImsError.RESOURCE_NOT_FOUND.exception("no batch run " + job.runId() + " that this caller may undo");
        }
    }

    /** The counts of a run so far. */
    private static final class Tally {
        private final boolean dryRun;
        private final String runId;
        private final boolean undo;
        int changed;
        int unchanged;
        int failedCount;
        int conflicts;
        final List<Failure> failures = new ArrayList<>();
        final List<Failure> conflicted = new ArrayList<>();

        Tally(boolean dryRun, String runId, boolean undo) {
            this.dryRun = dryRun;
            this.runId = runId;
            this.undo = undo;
        }

        int done() {
            return changed + unchanged + failedCount + conflicts;
        }

        /** One image: changed or not, or its refusal counted; a database outage stops the run. */
        void step(String imageId, BooleanSupplier change) {
            try {
                if (change.getAsBoolean()) {
                    changed++;
                } else {
                    unchanged++;
                }
            } catch (ImsException e) {
                if (e.error() == ImsError.DATABASE_UNAVAILABLE) {
                    throw e;
                }
                if (e.error() == ImsError.CHANGED_SINCE_RUN) {
                    conflicts++;
                    if (conflicted.size() < MAX_LISTED_FAILURES) {
                        conflicted.add(new Failure(imageId, e));
                    }
                    return;
                }
                failedCount++;
                if (failures.size() < MAX_LISTED_FAILURES) {
                    failures.add(new Failure(imageId, e));
                }
            }
        }

        BatchReport report(boolean truncated, Optional<ImsException> stoppedBy) {
            Optional<String> run = !dryRun && changed > 0 ? Optional.of(runId) : Optional.empty();
            return new BatchReport(dryRun, done(), changed, unchanged, failedCount, failures, truncated, stoppedBy,
                    run, undo, conflicts, conflicted);
        }

        @Override
        public String toString() {
            return done() + " images so far (" + changed + " changed, " + unchanged + " unchanged, " + failedCount
                    + " failed" + (undo ? ", " + conflicts + " changed since the run" : "") + ")"
                    + (dryRun ? " [dry run]" : "");
        }
    }
}
