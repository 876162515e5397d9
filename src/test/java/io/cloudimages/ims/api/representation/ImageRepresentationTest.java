package io.cloudimages.ims.api.representation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudimages.ims.domain.ImageField;
import io.cloudimages.ims.domain.attribute.AttributeCatalogue;
import io.cloudimages.ims.domain.attribute.AttributeKind;
import org.junit.jupiter.api.Test;

/** What the answer writes and what a patch may change must agree: no answer member is writable by accident. */
class ImageRepresentationTest {

    @Test
    void everyMemberTheAnswerWritesIsReadOnlyUnlessItIsAModifiableAttribute() {
        for (String member : ImageRepresentation.LAYOUT) {
            AttributeKind kind = AttributeCatalogue.describe(member).kind();
            assertTrue(kind == AttributeKind.MODIFIABLE || AttributeCatalogue.READ_ONLY.contains(member),
                    member + " is written by the answer but neither modifiable nor read-only");
        }
    }

    @Test
    void everySystemFieldHasItsPlaceInTheAnswer() {
        for (ImageField field : ImageField.values()) {
            assertTrue(ImageRepresentation.LAYOUT.contains(field.memberName()), field + " is not in the answer");
            assertTrue(AttributeCatalogue.READ_ONLY.contains(field.memberName()), field + " is not read-only");
        }
    }
}
