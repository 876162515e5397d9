package io.cloudimages.ims.domain.attribute;

import io.cloudimages.ims.domain.ImsError;

/** What the catalogue knows about one attribute name: its kind, whether it may be removed, its value rule. */
public final class Attribute {
    private final String name;
    private final AttributeKind kind;
    private final boolean removable;
    private final ValueRule rule;

    Attribute(String name, AttributeKind kind, boolean removable, ValueRule rule) {
        this.name = name;
        this.kind = kind;
        this.removable = removable;
        this.rule = rule;
    }

    public String name() {
        return name;
    }

    public AttributeKind kind() {
        return kind;
    }

    public boolean removable() {
        return removable;
    }

    /**
     * The stored form of a value sent for this attribute, or the refusal naming the operation it came in.
     * Only modifiable and extension attributes have a value rule: the others are refused by name first.
     */
    public String normalize(int operationIndex, String operationPath, Object value) {
        try {
            return rule.normalize(value);
        } catch (Violation v) {
            throw v.error.atOperation(operationIndex, operationPath, v.getMessage());
        }
    }

    static Attribute readOnly(String name) {
        return new Attribute(name, AttributeKind.READ_ONLY, false, null);
    }

    static Attribute invalidName(String name) {
        return new Attribute(name, AttributeKind.INVALID_NAME, false, null);
    }
}
