package io.cloudimages.ims.application;

import io.cloudimages.ims.domain.ImsError;
import io.cloudimages.ims.domain.ImsException;
import io.cloudimages.ims.domain.access.Caller;
import io.cloudimages.ims.domain.batch.BatchJob;
import io.cloudimages.ims.config.ImsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a batch job: matching ids are read a page at a time (keyset paging, so memory stays flat whatever
 * the number of images), and each image is patched in its own transaction by {@link ImageUpdateService},
 * with the same rules as one PATCH. One image's refusal is reported and the batch goes on; a database that
 * stops answering stops the batch.
 */
@ApplicationScoped
public class BatchUpdateService {
    static final int PAGE_SIZE = 500;
    public static final int MAX_LISTED_FAILURES = 100;
    private static final Logger LOG = Logger.getLogger(BatchUpdateService.class);

    private final ImageRepository store;
    private final UnitOfWork transactions;
    private final ImageUpdateService images;
    /** Each page query and each image gets this long: a batch outlives any request deadline, its steps don't. */
    private final Duration stepDeadline;

    BatchUpdateService(ImageRepository store, UnitOfWork transactions, ImageUpdateService images, ImsConfig config) {
        this.store = store;
        this.transactions = transactions;
        this.images = images;
        this.stepDeadline = config.requestDeadline();
    }

    /** A failure of one image. */
    public record Failure(String imageId, ImsException error) {
    }

    /**
     * The outcome; {@code stoppedBy} is set when the database stopped answering, with the counts so far.
     * {@code matched = changed + unchanged + failedCount}.
     */
    public record BatchReport(boolean dryRun, int matched, int changed, int unchanged, int failedCount,
                              List<Failure> failures, boolean truncated, Optional<ImsException> stoppedBy) {
    }

    /** Told after each image, for a long batch's progress lines. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, changed, unchanged, failed) -> { };

        void imageDone(int done, int changed, int unchanged, int failed);
    }

    /** How many images the job's selector matches now (a batch job counts first, to tell its progress). */
    public long count(Caller caller, BatchJob job) {
        return Deadline.after(stepDeadline).run(() -> transactions.inNewTransaction(
                () -> store.count(job.selector(), caller)));
    }

    public BatchReport run(Caller caller, BatchJob job) {
        return run(caller, job, Progress.NONE);
    }

    public BatchReport run(Caller caller, BatchJob job, Progress progress) {
        int changed = 0;
        int unchanged = 0;
        int failedCount = 0;
        List<Failure> failures = new ArrayList<>();
        Optional<String> after = Optional.empty();
        int processed = 0;
        int pages = 0;
        try {
            while (processed < job.maxImages()) {
                int limit = Math.min(PAGE_SIZE, job.maxImages() - processed);
                Optional<String> cursor = after;
                List<String> ids = Deadline.after(stepDeadline).run(() -> transactions.inNewTransaction(
                        () -> store.selectIds(job.selector(), caller, cursor, limit)));
                for (String id : ids) {
                    try {
                        if (Deadline.after(stepDeadline).run(() -> images.update(caller, id, job.patch(), job.dryRun()))
                                .changed()) {
                            changed++;
                        } else {
                            unchanged++;
                        }
                    } catch (ImsException e) {
                        if (e.error() == ImsError.DATABASE_UNAVAILABLE) {
                            throw e;
                        }
                        failedCount++;
                        if (failures.size() < MAX_LISTED_FAILURES) {
                            failures.add(new Failure(id, e));
                        }
                    }
                    progress.imageDone(changed + unchanged + failedCount, changed, unchanged, failedCount);
                }
                processed += ids.size();
                pages++;
                LOG.infof("batch page %d: %d images so far (%d changed, %d unchanged, %d failed)%s", pages, processed,
                        changed, unchanged, failedCount, job.dryRun() ? " [dry run]" : "");
                if (ids.size() < limit) {
                    return new BatchReport(job.dryRun(), processed, changed, unchanged, failedCount, failures, false,
                            Optional.empty());
                }
                after = Optional.of(ids.get(ids.size() - 1));
            }
            Optional<String> last = after;
            boolean more = !Deadline.after(stepDeadline).run(() -> transactions.inNewTransaction(
                    () -> store.selectIds(job.selector(), caller, last, 1))).isEmpty();
            return new BatchReport(job.dryRun(), processed, changed, unchanged, failedCount, failures, more,
                    Optional.empty());
        } catch (ImsException stop) {
            LOG.warnf("batch stopped after %d images: %s", changed + unchanged + failedCount, stop.error().code());
            return new BatchReport(job.dryRun(), changed + unchanged + failedCount, changed, unchanged, failedCount,
                    failures, false, Optional.of(stop));
        }
    }
}
