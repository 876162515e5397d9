package io.cloudimages.ims.domain.batch;

import io.cloudimages.ims.domain.ImageId;
import io.cloudimages.ims.domain.ImsError;
import io.cloudimages.ims.domain.ImsException;
import io.cloudimages.ims.domain.json.JsonNumber;
import io.cloudimages.ims.domain.json.JsonSyntaxException;
import io.cloudimages.ims.domain.json.StrictJsonParser;
import io.cloudimages.ims.domain.patch.PatchParser;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a batch job once, before any image is touched (docs/behaviour.md §7): its shape, the shard range, the
 * {@code max_images} range and the patch's structure. Unknown members are refused rather than ignored: a
 * misspelt {@code dry_run} must not turn a rehearsal into a fleet-wide write.
 */
public final class BatchJobParser {
    private static final Set<String> JOB_MEMBERS = Set.of("selector", "patch", "dry_run", "max_images");
    private static final Set<String> OPERATOR_JOB_MEMBERS =
            Set.of("selector", "patch", "dry_run", "max_images", "all_projects");
    private static final Set<String> UNDO_MEMBERS = Set.of("undo", "dry_run");
    private static final Set<String> SELECTOR_MEMBERS =
            Set.of("owner", "status", "__imagetype", "attributes", "missing", "shard");

    /** A selector names at most this many attributes in each of attributes and missing. */
    public static final int MAX_SELECTOR_NAMES = 32;
    public static final int MAX_SELECTOR_NAME_LENGTH = 255;
    public static final int MAX_SELECTOR_VALUE_LENGTH = 1_024;

    private BatchJobParser() {
    }

    /** A job sent by a caller, or a FunctionGraph timer event whose {@code user_event} string holds one. */
    public static Job parse(Object document) {
        return parse(document, false);
    }

    /**
     * A job run by an operator (batch job mode, a FunctionGraph timer event; docs/behaviour.md §8), which no
     * caller's project bounds: it must name its scope, {@code selector.owner} or {@code "all_projects": true}, and
     * {@code max_images} has no default limit.
     */
    public static Job parseOperatorJob(Object document) {
        return parse(document, true);
    }

    private static Job parse(Object document, boolean operator) {
        Map<?, ?> job = object(document, "the job");
        if ("TIMER".equals(job.get("trigger_type")) && job.containsKey("user_event")) {
            if (!(job.get("user_event") instanceof String text)) {
                throw invalid("user_event must be a string holding the job");
            }
            try {
                job = object(StrictJsonParser.parse(text.getBytes(StandardCharsets.UTF_8)), "user_event");
            } catch (JsonSyntaxException e) {
                throw invalid("user_event is not valid JSON: " + e.getMessage());
            }
        }
        boolean dryRun = dryRun(job);
        if (job.containsKey("undo")) {
            return undo(job, dryRun);
        }
        onlyMembers(job, operator ? OPERATOR_JOB_MEMBERS : JOB_MEMBERS, "the job");
        if (!job.containsKey("patch")) {
            throw invalid("the job has no patch");
        }
        ImageSelector selector = selector(job.containsKey("selector") ? object(job.get("selector"), "selector") : Map.of());
        if (operator) {
            Object allProjects = job.get("all_projects");
            if (allProjects != null && !(allProjects instanceof Boolean)) {
                throw invalid("all_projects must be true or false");
            }
            if (selector.owner().isEmpty() && !Boolean.TRUE.equals(allProjects)) {
                throw invalid("an operator job names its scope: selector.owner (one project) or \"all_projects\": true");
            }
        }
        int limit = operator ? Integer.MAX_VALUE : BatchJob.LIMIT_MAX_IMAGES;
        int maxImages = job.containsKey("max_images")
                ? integer(job.get("max_images"), 1, limit, "max_images")
                : operator ? Integer.MAX_VALUE : BatchJob.DEFAULT_MAX_IMAGES;
        try {
            PatchParser.checkEmbeddedSize(job.get("patch"));
            return new BatchJob(selector, PatchParser.fromDocument(job.get("patch")), dryRun, maxImages);
        } catch (ImsException e) {
            // Every fault of a job is a bad job (400), the oversized patch included.
            throw ImsError.INVALID_REQUEST.exception("patch: " + e.getMessage());
        }
    }

    private static boolean dryRun(Map<?, ?> job) {
        if (!job.containsKey("dry_run")) {
            return false;
        }
        if (!(job.get("dry_run") instanceof Boolean flag)) {
            throw invalid("dry_run must be true or false");
        }
        return flag;
    }

    /** An undo names the run and nothing else: which images it restores is what the run changed. */
    private static UndoJob undo(Map<?, ?> job, boolean dryRun) {
        onlyMembers(job, UNDO_MEMBERS, "an undo job");
        if (!(job.get("undo") instanceof String runId) || !ImageId.isCanonicalUuid(runId)) {
            throw invalid("undo must be the run_id of a batch run (a UUID)");
        }
        return new UndoJob(runId.toLowerCase(java.util.Locale.ROOT), dryRun);
    }

    private static ImageSelector selector(Map<?, ?> selector) {
        onlyMembers(selector, SELECTOR_MEMBERS, "selector");
        Map<String, String> attributes = new LinkedHashMap<>();
        if (selector.containsKey("attributes")) {
            Map<?, ?> equals = object(selector.get("attributes"), "selector.attributes");
            checkCount(equals.size(), "selector.attributes");
            for (Map.Entry<?, ?> entry : equals.entrySet()) {
                String name = name((String) entry.getKey(), "selector.attributes");
                if (!(entry.getValue() instanceof String value)) {
                    throw invalid("selector.attributes." + name + " must be a string");
                }
                if (value.length() > MAX_SELECTOR_VALUE_LENGTH) {
                    throw invalid("selector.attributes." + name + " is longer than " + MAX_SELECTOR_VALUE_LENGTH
                            + " characters");
                }
                attributes.put(name, value);
            }
        }
        List<String> missing = new ArrayList<>();
        if (selector.containsKey("missing")) {
            if (!(selector.get("missing") instanceof List<?> names)) {
                throw invalid("selector.missing must be an array of attribute names");
            }
            checkCount(names.size(), "selector.missing");
            for (Object name : names) {
                if (!(name instanceof String text)) {
                    throw invalid("selector.missing must be an array of attribute names");
                }
                missing.add(name(text, "selector.missing"));
            }
        }
        Optional<ImageSelector.Shard> shard = Optional.empty();
        if (selector.containsKey("shard")) {
            Map<?, ?> members = object(selector.get("shard"), "selector.shard");
            onlyMembers(members, Set.of("index", "count"), "selector.shard");
            int count = integer(members.get("count"), 1, ImageSelector.Shard.MAX_COUNT, "selector.shard.count");
            int index = integer(members.get("index"), 0, count - 1, "selector.shard.index");
            shard = Optional.of(new ImageSelector.Shard(index, count));
        }
        return new ImageSelector(string(selector, "owner"), string(selector, "status"), string(selector, "__imagetype"),
                attributes, missing, shard);
    }

    private static void checkCount(int count, String what) {
        if (count > MAX_SELECTOR_NAMES) {
            throw invalid(what + " names at most " + MAX_SELECTOR_NAMES + " attributes");
        }
    }

    private static String name(String name, String what) {
        if (name.isEmpty() || name.length() > MAX_SELECTOR_NAME_LENGTH) {
            throw invalid(what + ": an attribute name is 1 to " + MAX_SELECTOR_NAME_LENGTH + " characters");
        }
        return name;
    }

    private static Optional<String> string(Map<?, ?> members, String name) {
        if (!members.containsKey(name)) {
            return Optional.empty();
        }
        if (!(members.get(name) instanceof String text)) {
            throw invalid("selector." + name + " must be a string");
        }
        return Optional.of(text);
    }

    private static int integer(Object value, int min, int max, String what) {
        if (value instanceof JsonNumber number && number.isIntegerLiteral()) {
            BigInteger n = number.integerValue();
            if (n.compareTo(BigInteger.valueOf(min)) >= 0 && n.compareTo(BigInteger.valueOf(max)) <= 0) {
                return n.intValue();
            }
        }
        throw invalid(what + " must be an integer from " + min + " to " + max);
    }

    private static Map<?, ?> object(Object value, String what) {
        if (!(value instanceof Map<?, ?> members)) {
            throw invalid(what + " must be a JSON object");
        }
        return members;
    }

    private static void onlyMembers(Map<?, ?> members, Set<String> allowed, String what) {
        for (Object name : members.keySet()) {
            if (!allowed.contains(name)) {
                throw invalid(what + " has an unknown member '" + abbreviate(String.valueOf(name)) + "'");
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    private static ImsException invalid(String reason) {
        return ImsError.INVALID_REQUEST.exception("invalid batch job: " + reason);
    }
}
