package io.cloudimages.ims.api.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudimages.ims.api.RequestLog;
import io.cloudimages.ims.api.representation.BatchReportRepresentation;
import io.cloudimages.ims.api.representation.ErrorRepresentation;
import io.cloudimages.ims.application.BatchUpdateService;
import io.cloudimages.ims.application.ChangeOrigin;
import io.cloudimages.ims.config.ImsConfig;
import io.cloudimages.ims.domain.ImsError;
import io.cloudimages.ims.domain.ImsException;
import io.cloudimages.ims.domain.batch.BatchJob;
import io.cloudimages.ims.domain.batch.Job;
import io.cloudimages.ims.domain.batch.UndoJob;
import io.cloudimages.ims.domain.batch.BatchJobParser;
import io.cloudimages.ims.domain.batch.ImageSelector;
import io.cloudimages.ims.domain.json.JsonSyntaxException;
import io.cloudimages.ims.domain.json.StrictJsonParser;
import io.cloudimages.ims.observability.Counters;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Batch job mode (docs/behaviour.md §8.1): one job from {@code IMS_BATCH_JOB} or {@code IMS_BATCH_JOB_FILE}, run
 * by an operator against the configured database with no request timeout, progress in the log, the batch answer
 * as the last line of standard output, and an exit code a Kubernetes Job can act on.
 */
@ApplicationScoped
public class BatchJobMode {
    public static final int EXIT_DONE = 0;
    public static final int EXIT_INVALID = 1;
    public static final int EXIT_SOME_FAILED = 2;
    public static final int EXIT_DATABASE_STOPPED = 3;
    static final int PROGRESS_EVERY_IMAGES = 500;
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(BatchJobMode.class);

    private final BatchUpdateService batches;
    private final ImsConfig.Batch config;
    private final Optional<Integer> completionIndex;
    private final ObjectMapper json;

    BatchJobMode(BatchUpdateService batches, ImsConfig config,
                 @ConfigProperty(name = "job.completion.index") Optional<Integer> completionIndex, ObjectMapper json) {
        this.batches = batches;
        this.config = config.batch();
        this.completionIndex = completionIndex;
        this.json = json;
    }

    /**
     * In batch job mode the process runs the job once it has started, then exits with the job's exit code (no
     * HTTP port is opened: see BatchJobModeConfigSourceFactory). A thread of its own, so that start-up completes;
     * and the last start-up observer, so that the start guard and the demo data come first.
     */
    void startWhenRequested(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 1000) StartupEvent event) {
        if (!config.requested()) {
            return;
        }
        Thread job = new Thread(() -> Quarkus.asyncExit(run()), "batch-job");
        job.start();
    }

    public int run() {
        String jobId = config.jobId().or(() -> Optional.ofNullable(System.getenv("HOSTNAME")))
                .orElse(UUID.randomUUID().toString());
        return RequestLog.run(jobId, this::runJob);
    }

    private int runJob() {
        Job job;
        try {
            job = shard(BatchJobParser.parseOperatorJob(StrictJsonParser.parse(document())));
        } catch (JsonSyntaxException e) {
            return refuse(ImsError.INVALID_REQUEST.exception("invalid batch job: not valid JSON: " + e.getMessage()));
        } catch (ImsException e) {
            return refuse(e);
        }
        long total;
        try {
            // Retention is kept by the jobs that write; a rehearsal writes (and deletes) nothing.
            long purged = job.dryRun() ? 0 : batches.purgeHistory();
            if (purged > 0) {
                LOG.infof("change history: %d records older than ims.history.retention purged", purged);
            }
            total = batches.count(OperatorJobs.OPERATOR, job);
        } catch (ImsException e) {
            LOG.errorf("the batch job cannot start: %s", e.getMessage());
            print(ErrorRepresentation.result(e));
            return e.error() == ImsError.DATABASE_UNAVAILABLE ? EXIT_DATABASE_STOPPED : EXIT_INVALID;
        }
        LOG.infof("batch job: %d images %s%s%s", total, job instanceof UndoJob undo ? "changed by run " + undo.runId()
                        : "match", job.dryRun() ? " (dry run: nothing is written)" : "",
                job instanceof BatchJob patch ? patch.selector().shard().map(s -> ", shard " + s.index() + " of "
                        + s.count()).orElse("") : "");
        ProgressLog progress = new ProgressLog(job instanceof BatchJob patch ? Math.min(total, patch.maxImages()) : total);
        BatchUpdateService.BatchReport report = batches.run(OperatorJobs.OPERATOR, job,
                ChangeOrigin.request("job", RequestLog.currentId()), progress);
        progress.finished(report);
        Counters.batchImages("job", report.changed(), report.unchanged(), report.failedCount());
        print(BatchReportRepresentation.of(report));
        if (report.stoppedBy().isPresent()) {
            return EXIT_DATABASE_STOPPED;
        }
        return report.failedCount() > 0 || report.conflicts() > 0 ? EXIT_SOME_FAILED : EXIT_DONE;
    }

    private byte[] document() {
        if (config.job().filter(j -> !j.isBlank()).isPresent()) {
            return config.job().get().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        Path file = Path.of(config.jobFile().orElseThrow());
        try {
            if (Files.size(file) > io.cloudimages.ims.api.RequestLimits.MAX_REQUEST_BYTES) {
                throw ImsError.INVALID_REQUEST.exception("invalid batch job: the job file is larger than 1 MiB");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw ImsError.INVALID_REQUEST.exception("invalid batch job: the job file cannot be read");
        }
    }

    /**
     * The pod's shard of an indexed Job, when the job names none itself. An undo is not sharded: it is run by one
     * pod (the indexed Job's pod 0; the others have nothing to do).
     */
    private Job shard(Job parsed) {
        if (completionIndex.isEmpty() || config.shards().isEmpty()) {
            return parsed;
        }
        if (!(parsed instanceof BatchJob job)) {
            if (completionIndex.get() != 0) {
                throw ImsError.INVALID_REQUEST.exception("invalid batch job: an undo runs on pod 0 of an indexed Job only");
            }
            return parsed;
        }
        if (job.selector().shard().isPresent()) {
            return job;
        }
        int count = config.shards().get();
        int index = completionIndex.get();
        if (count < 1 || count > ImageSelector.Shard.MAX_COUNT || index < 0 || index >= count) {
            throw ImsError.INVALID_REQUEST.exception("invalid batch job: JOB_COMPLETION_INDEX " + index
                    + " is not a shard of IMS_BATCH_SHARDS " + count + " (at most " + ImageSelector.Shard.MAX_COUNT + ")");
        }
        return job.onShard(new ImageSelector.Shard(index, count));
    }

    private int refuse(ImsException e) {
        LOG.errorf("the batch job is refused, nothing was touched: %s", e.getMessage());
        print(ErrorRepresentation.result(e));
        return EXIT_INVALID;
    }

    /** The answer, alone on standard output (the log goes to standard error in this mode). */
    private void print(Map<String, Object> answer) {
        try {
            System.out.println(json.writeValueAsString(answer));
        } catch (JsonProcessingException e) {
            System.out.println("{\"status\":500,\"error\":{\"code\":\"IMG.0500\",\"message\":\"an internal error occurred\"}}");
        }
        System.out.flush();
    }

    /** A line every 500 images and every 10 s: done, total, rate, time left. */
    static final class ProgressLog implements BatchUpdateService.Progress {
        private final long total;
        private final long started = System.nanoTime();
        private long lastLine = started;
        private int lastDone;

        ProgressLog(long total) {
            this.total = total;
        }

        @Override
        public void imageDone(int done, int changed, int unchanged, int failed) {
            long now = System.nanoTime();
            if (done - lastDone >= PROGRESS_EVERY_IMAGES || now - lastLine >= PROGRESS_EVERY.toNanos()) {
                line(done, changed, unchanged, failed, now);
            }
        }

        void finished(BatchUpdateService.BatchReport report) {
            line(report.matched(), report.changed(), report.unchanged(), report.failedCount(), System.nanoTime());
        }

        private void line(int done, int changed, int unchanged, int failed, long now) {
            double seconds = Math.max(1e-3, (now - started) / 1e9);
            double rate = done / seconds;
            long left = rate > 0 ? (long) Math.ceil(Math.max(0, total - done) / rate) : -1;
            LOG.infof("batch job progress: %d of %d images done (%d changed, %d unchanged, %d failed), %.1f images/s,"
                    + " about %s left", done, total, changed, unchanged, failed, rate,
                    left < 0 ? "unknown" : Duration.ofSeconds(left).toString().substring(2).toLowerCase());
            lastLine = now;
            lastDone = done;
        }
    }
}
