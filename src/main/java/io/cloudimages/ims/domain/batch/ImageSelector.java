package io.cloudimages.ims.domain.batch;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which images a batch job touches; every member is optional (docs/behaviour.md §7). Deleted images never match,
 * and a caller without the admin role only ever matches its own project's images.
 *
 * @param attributes attribute name to the exact string it must equal
 * @param missing    attribute names that must be absent
 */
public record ImageSelector(Optional<String> owner, Optional<String> status, Optional<String> imageType,
                            Map<String, String> attributes, List<String> missing, Optional<Shard> shard) {

    public ImageSelector {
        attributes = Map.copyOf(attributes);
        missing = List.copyOf(missing);
    }

    public ImageSelector withShard(Shard newShard) {
        return new ImageSelector(owner, status, imageType, attributes, missing, Optional.of(newShard));
    }

    /**
     * Keeps the images whose shard number equals {@code index}: the first 8 hex digits of the lower-case id read
     * as an unsigned 32-bit integer, modulo {@code count} — so a Kubernetes indexed Job can split a fleet.
     */
    public record Shard(int index, int count) {
        public static final int MAX_COUNT = 1024;

    }
}
