package io.cloudimages.ims.domain.batch;

import io.cloudimages.ims.domain.patch.PatchOperation;

import java.util.List;

/** A checked batch job: which images, which patch, whether to write, and how many at most. */
public record BatchJob(ImageSelector selector, List<PatchOperation> patch, boolean dryRun, int maxImages) implements Job {
    public static final int DEFAULT_MAX_IMAGES = 10_000;
    public static final int LIMIT_MAX_IMAGES = 100_000;

    public BatchJob {
        patch = List.copyOf(patch);
    }

    /** The same job on one shard of the images (a Kubernetes indexed Job's pod). */
    public BatchJob onShard(ImageSelector.Shard shard) {
        return new BatchJob(selector.withShard(shard), patch, dryRun, maxImages);
    }
}
