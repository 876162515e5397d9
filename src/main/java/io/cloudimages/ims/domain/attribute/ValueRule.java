package io.cloudimages.ims.domain.attribute;

/** Checks a JSON value sent for an attribute and returns the text it is stored as. */
@FunctionalInterface
interface ValueRule {
    /**
     * @param value a {@code String}, {@code JsonNumber} or {@code Boolean}
     * @return the stored form
     * @throws Violation with the attribute's code when the value is refused
     */
    String normalize(Object value);
}
