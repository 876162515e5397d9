package io.cloudimages.ims.domain.patch;

import io.cloudimages.ims.domain.ImsError;
import io.cloudimages.ims.domain.attribute.Attribute;
import io.cloudimages.ims.domain.attribute.AttributeCatalogue;
import io.cloudimages.ims.domain.attribute.AttributeKind;
import io.cloudimages.ims.domain.attribute.FinalStateRules;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The controller step of the call: applies checked operations in order to a working copy of an image's
 * modifiable attributes, then checks the final state. It either returns the whole new state or throws; the
 * caller's map is never touched, so nothing can be half-applied.
 */
public final class PatchApplier {
    private PatchApplier() {
    }

    /**
     * @param current the image's modifiable attributes by name, as stored
     * @return the attributes after every operation, and whether they differ from {@code current}
     */
    public static PatchResult apply(Map<String, String> current, List<PatchOperation> operations) {
        Map<String, String> working = new TreeMap<>(current);
        for (PatchOperation operation : operations) {
            applyOne(working, operation);
        }
        boolean changed = !working.equals(current);
        if (changed) {
            // An unchanged state was accepted when it was stored; only a new one is held to the final rules.
            FinalStateRules.check(working);
        }
        return new PatchResult(working, changed);
    }

    private static void applyOne(Map<String, String> working, PatchOperation operation) {
        Attribute attribute = AttributeCatalogue.describe(operation.attribute());
        int index = operation.index();
        String path = operation.path();
        if (attribute.kind() == AttributeKind.READ_ONLY) {
            throw ImsError.READ_ONLY_ATTRIBUTE.atOperation(index, path, "the attribute is read-only");
        }
        if (attribute.kind() == AttributeKind.INVALID_NAME) {
            throw ImsError.INVALID_REQUEST.atOperation(index, path, "not a valid attribute name: extension names"
                    + " are 1 to 255 characters of a-z, 0-9, '_', '-', '.', ':' starting with a letter or digit");
        }
        boolean present = working.containsKey(attribute.name());
        switch (operation.op()) {
            case ADD -> working.put(attribute.name(), attribute.normalize(index, path, operation.value()));
            case REPLACE -> {
                String value = attribute.normalize(index, path, operation.value());
                if (!present) {
                    throw ImsError.ATTRIBUTE_STATE.atOperation(index, path,
                            "the attribute is not set, so it cannot be replaced (use add)");
                }
                working.put(attribute.name(), value);
            }
            case REMOVE -> {
                if (!attribute.removable()) {
                    throw ImsError.READ_ONLY_ATTRIBUTE.atOperation(index, path, "the attribute cannot be removed");
                }
                if (!present) {
                    throw ImsError.ATTRIBUTE_STATE.atOperation(index, path,
                            "the attribute is not set, so it cannot be removed");
                }
                working.remove(attribute.name());
            }
        }
    }
}
