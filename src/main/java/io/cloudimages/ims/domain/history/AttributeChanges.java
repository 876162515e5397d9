package io.cloudimages.ims.domain.history;

import io.cloudimages.ims.domain.ImsError;
import io.cloudimages.ims.domain.attribute.FinalStateRules;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one change of an image did to its attributes: for each attribute it touched, the value before and after,
 * {@code null} standing for "not set" (a state of its own, distinct from any value). Decides what an undo may
 * restore: only where every touched attribute still holds the value the change wrote.
 */
public final class AttributeChanges {
    /** One attribute's values around a change; {@code null}: not set. */
    public record Change(String before, String after) {
    }

    private final SortedMap<String, Change> byName;

    public AttributeChanges(Map<String, Change> byName) {
        this.byName = Collections.unmodifiableSortedMap(new TreeMap<>(byName));
    }

    /** The attributes whose values differ between two states, with both values. */
    public static AttributeChanges between(Map<String, String> before, Map<String, String> after) {
        Map<String, Change> changes = new TreeMap<>();
        before.forEach((name, value) -> {
            String next = after.get(name);
            if (!value.equals(next)) {
                changes.put(name, new Change(value, next));
            }
        });
        after.forEach((name, value) -> {
            if (!before.containsKey(name)) {
                changes.put(name, new Change(null, value));
            }
        });
        return new AttributeChanges(changes);
    }

    public SortedMap<String, Change> byName() {
        return byName;
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /** Whether every attribute this change touched still holds the value it wrote. */
    public boolean standsIn(Map<String, String> current) {
        for (Map.Entry<String, Change> change : byName.entrySet()) {
            if (!Objects.equals(current.get(change.getKey()), change.getValue().after())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Takes this change back from an image's current attributes (docs/behaviour.md §9.3): 409 IMG.0409 when any
     * attribute it touched no longer holds the value it wrote; otherwise each touched attribute back to its value
     * before, the result held to the final-state rules like any new state (later changes of other attributes may
     * not stand with the old values: then the rule's 400, and nothing is restored).
     */
    public Map<String, String> undo(Map<String, String> current) {
        if (!standsIn(current)) {
            throw ImsError.CHANGED_SINCE_RUN.exception("the image has changed since the run; left as it is");
        }
        Map<String, String> restored = undoneIn(current);
        if (!restored.equals(current)) {
            FinalStateRules.check(restored);
        }
        return restored;
    }

    /** The attributes as they would be with this change taken back (each touched attribute to its before). */
    public Map<String, String> undoneIn(Map<String, String> current) {
        Map<String, String> restored = new TreeMap<>(current);
        byName.forEach((name, change) -> {
            if (change.before() == null) {
                restored.remove(name);
            } else {
                restored.put(name, change.before());
            }
        });
        return restored;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AttributeChanges that && byName.equals(that.byName);
    }

    @Override
    public int hashCode() {
        return byName.hashCode();
    }

    @Override
    public String toString() {
        return byName.toString();
    }
}
