package io.cloudimages.ims.domain.json;

import java.util.AbstractList;
import java.util.List;

/**
 * A parsed JSON array that remembers where it stood in its document, so that a size rule (a patch holds at
 * most 64 KiB) can be checked on the text as sent even when the array came inside a larger document, without
 * writing it out again.
 */
public final class JsonArray extends AbstractList<Object> {
    private final List<Object> elements;
    private final String document;
    private final int start;
    private final int end;

    JsonArray(List<Object> elements, String document, int start, int end) {
        this.elements = elements;
        this.document = document;
        this.start = start;
        this.end = end;
    }

    @Override
    public Object get(int index) {
        return elements.get(index);
    }

    @Override
    public int size() {
        return elements.size();
    }

    /** The number of bytes this array's text takes in UTF-8, from its {@code [} to its {@code ]}. */
    public int sourceUtf8Length() {
        int bytes = 0;
        for (int i = start; i < end; i++) {
            char c = document.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(document.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
