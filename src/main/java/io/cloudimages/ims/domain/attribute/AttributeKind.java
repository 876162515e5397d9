package io.cloudimages.ims.domain.attribute;

/** What a patch may do to an attribute, by its name alone. */
public enum AttributeKind {
    /** One of the attributes of docs/behaviour.md §2.2 with a rule of its own. */
    MODIFIABLE,
    /** A user-defined attribute with a valid extension name. */
    EXTENSION,
    /** A system attribute or reserved name (docs/behaviour.md §2.3): 403 IMG.0105 for every operation. */
    READ_ONLY,
    /** Neither reserved nor a valid extension name: 400 IMG.0001. */
    INVALID_NAME
}
