package io.cloudimages.ims.domain.patch;

import java.util.Optional;

/** The operations the call accepts; {@code test}, {@code move} and {@code copy} are refused, as by IMS. */
public enum PatchOp {
    ADD("add"),
    REPLACE("replace"),
    REMOVE("remove");

    private final String wireName;

    PatchOp(String wireName) {
        this.wireName = wireName;
    }

    /** Exact, case-sensitive match of the wire name. */
    public static Optional<PatchOp> fromWire(String name) {
        for (PatchOp op : values()) {
            if (op.wireName.equals(name)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    public boolean needsValue() {
        return this != REMOVE;
    }
}
