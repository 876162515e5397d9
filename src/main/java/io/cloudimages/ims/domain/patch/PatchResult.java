package io.cloudimages.ims.domain.patch;

import java.util.Map;

/** The modifiable attributes after a patch, and whether the patch changed anything. */
public record PatchResult(Map<String, String> attributes, boolean changed) {
    public PatchResult {
        attributes = Map.copyOf(attributes);
    }
}
