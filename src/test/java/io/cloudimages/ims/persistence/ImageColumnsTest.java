package io.cloudimages.ims.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudimages.ims.domain.ImageField;
import io.cloudimages.ims.domain.attribute.AttributeCatalogue;
import io.cloudimages.ims.domain.attribute.AttributeKind;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The storage table covers the domain: every system field has a column, every attribute column is modifiable. */
class ImageColumnsTest {

    @Test
    void everySystemFieldIsReadFromExactlyOneColumn() {
        Set<ImageField> mapped = ImageColumns.FIELDS.stream().map(ImageColumns.FieldColumn::field)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ImageField.class)));
        assertEquals(EnumSet.allOf(ImageField.class), mapped);
        assertEquals(ImageField.values().length, ImageColumns.FIELDS.size());
    }

    @Test
    void attributeColumnsHoldModifiableAttributesOnly() {
        for (ImageColumns.AttributeColumn column : ImageColumns.ATTRIBUTES) {
            assertEquals(AttributeKind.MODIFIABLE, AttributeCatalogue.describe(column.attribute()).kind(),
                    column.attribute());
            assertTrue(ImageColumns.selectorText(column.attribute()).isPresent());
        }
    }
}
