package io.cloudimages.ims.domain.json;

/** The JSON literal {@code null}, distinct from a member that is absent. */
public enum JsonNull {
    INSTANCE;

    @Override
    public String toString() {
        return "null";
    }
}
