package io.cloudimages.ims.image.domain.attribute;

import io.cloudimages.ims.image.domain.ImsError;
import io.cloudimages.ims.image.domain.patch.PatchOperation;

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

    /** The stored form of the operation's value, or the refusal naming the operation. */
    public String normalize(PatchOperation operation) {
        try {
            return rule.normalize(operation.value());
        } catch (Violation v) {
            throw v.error.atOperation(operation.index(), operation.path(), v.getMessage());
        }
    }

    static Attribute readOnly(String name) {
        return new Attribute(name, AttributeKind.READ_ONLY, false, value -> {
            throw new Violation(ImsError.READ_ONLY_ATTRIBUTE, "is read-only");
        });
    }

    static Attribute invalidName(String name) {
        return new Attribute(name, AttributeKind.INVALID_NAME, false, value -> {
            throw new Violation(ImsError.INVALID_REQUEST, "is not a valid attribute name");
        });
    }
}
