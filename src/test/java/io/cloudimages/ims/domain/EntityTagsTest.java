package io.cloudimages.ims.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.Map;

/** If-Match against an image's entity tag (docs/behaviour.md §9.1). */
class EntityTagsTest {

    @Test
    void ifMatchComparesStrongTagsOrAcceptsAnyImage() {
        assertTrue(EntityTags.ifMatchHolds("\"7\"", "\"7\""));
        assertTrue(EntityTags.ifMatchHolds("*", "\"7\""));
        assertTrue(EntityTags.ifMatchHolds("\"1\", \"7\"", "\"7\""));
        assertFalse(EntityTags.ifMatchHolds("W/\"7\"", "\"7\""));
        assertFalse(EntityTags.ifMatchHolds("\"8\"", "\"7\""));
        assertFalse(EntityTags.ifMatchHolds("7", "\"7\""));
    }

    @Test
    void aFailedPreconditionIsA412AndNoHeaderIsNoCondition() {
        Image image = new Image(Map.of(ImageField.ID, "id"), Map.of(), 7);
        assertEquals("\"7\"", image.etag());
        EntityTags.checkIfMatch(null, image);
        EntityTags.checkIfMatch("\"7\"", image);
        ImsException refused = assertThrows(ImsException.class, () -> EntityTags.checkIfMatch("\"6\"", image));
        assertEquals(ImsError.PRECONDITION_FAILED, refused.error());
        assertEquals("\"8\"", image.withAttributes(Map.of("name", "n"), java.time.Instant.EPOCH).etag());
    }
}
