package io.cloudimages.ims.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudimages.ims.domain.history.AttributeChanges;
import io.cloudimages.ims.domain.history.AttributeChanges.Change;
import org.junit.jupiter.api.Test;

import java.util.Map;

/** What a change did, and what its undo may restore (docs/behaviour.md §9.3). */
class AttributeChangesTest {
    private static final Map<String, String> BEFORE = Map.of("name", "a", "team", "old", "gone", "x");
    private static final Map<String, String> AFTER = Map.of("name", "b", "team", "old", "added", "1");

    @Test
    void aChangeListsEachTouchedAttributeWithNotSetAsAStateOfItsOwn() {
        AttributeChanges changes = AttributeChanges.between(BEFORE, AFTER);
        assertEquals(Map.of("name", new Change("a", "b"), "gone", new Change("x", null), "added", new Change(null, "1")),
                changes.byName());
        assertTrue(AttributeChanges.between(BEFORE, BEFORE).isEmpty());
    }

    @Test
    void anUndoRestoresTheBeforeValuesOnlyWhereTheAfterValuesStillStand() {
        AttributeChanges changes = AttributeChanges.between(BEFORE, AFTER);
        assertTrue(changes.standsIn(AFTER));
        Map<String, String> later = new java.util.HashMap<>(AFTER);
        later.put("untouched_by_the_run", "y");
        assertTrue(changes.standsIn(later), "attributes the run did not touch do not matter");
        assertEquals(Map.of("name", "a", "team", "old", "gone", "x", "untouched_by_the_run", "y"), changes.undoneIn(later));
        for (Map<String, String> changedSince : java.util.List.of(
                Map.of("name", "c", "team", "old", "added", "1"),      // a value the run wrote, overwritten
                Map.of("name", "b", "team", "old"),                     // an attribute it added, removed
                Map.of("name", "b", "team", "old", "added", "1", "gone", "back"))) { // one it removed, set again
            assertFalse(changes.standsIn(changedSince), changedSince.toString());
        }
    }

    @Test
    void anUndoIsRefusedWhenTheRunsValuesNoLongerStandOrTheRestoredStateBreaksAFinalStateRule() {
        AttributeChanges run = AttributeChanges.between(Map.of("__support_xen", "true"), Map.of("__support_xen", "false"));
        ImsException changedSince = assertThrows(ImsException.class, () -> run.undo(Map.of("__support_xen", "true")));
        assertEquals(ImsError.CHANGED_SINCE_RUN, changedSince.error());
        // Later, an attribute the run did not touch was set that cannot stand with the run's old value.
        ImsException rule = assertThrows(ImsException.class,
                () -> run.undo(Map.of("__support_xen", "false", "__support_xen_hana", "true")));
        assertEquals(ImsError.ATTRIBUTE_STATE, rule.error());
        assertEquals(Map.of("__support_xen", "true"), run.undo(Map.of("__support_xen", "false")));
    }

    @Test
    void theUndoOfAnUndoIsTheOriginalChange() {
        AttributeChanges run = AttributeChanges.between(BEFORE, AFTER);
        Map<String, String> undone = run.undoneIn(AFTER);
        AttributeChanges undo = AttributeChanges.between(AFTER, undone);
        assertTrue(undo.standsIn(undone));
        assertEquals(AFTER, undo.undoneIn(undone));
    }
}
