package io.cloudimages.ims.api.representation;

import io.cloudimages.ims.application.BatchUpdateService.BatchReport;
import io.cloudimages.ims.application.BatchUpdateService.Failure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The batch answer: {@code {"status", ["error",] "dry_run", "matched", ..., "failed", ["conflicts", "conflicted",]
 * "truncated", ["run_id"]}}: an undo lists its conflicts; a run that wrote names itself.
 */
public final class BatchReportRepresentation {
    private BatchReportRepresentation() {
    }

    public static Map<String, Object> of(BatchReport report) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", report.stoppedBy().map(e -> e.error().status()).orElse(200));
        report.stoppedBy().ifPresent(e -> result.put("error", ErrorRepresentation.detail(e)));
        result.put("dry_run", report.dryRun());
        result.put("matched", report.matched());
        result.put("changed", report.changed());
        result.put("unchanged", report.unchanged());
        result.put("failed_count", report.failedCount());
        result.put("failed", listed(report.failures()));
        if (report.undo()) {
            result.put("conflicts", report.conflicts());
            result.put("conflicted", listed(report.conflicted()));
        }
        result.put("truncated", report.truncated());
        report.runId().ifPresent(id -> result.put("run_id", id));
        return result;
    }

    private static List<Map<String, Object>> listed(List<Failure> failures) {
        List<Map<String, Object>> listed = new ArrayList<>();
        for (Failure failure : failures) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("image_id", failure.imageId());
            item.put("error", ErrorRepresentation.detail(failure.error()));
            listed.add(item);
        }
        return listed;
    }
}
