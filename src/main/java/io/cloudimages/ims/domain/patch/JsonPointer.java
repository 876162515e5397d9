package io.cloudimages.ims.domain.patch;

import java.util.Optional;

/** RFC 6901 pointers of depth exactly one, the only ones an image attribute can be addressed by. */
public final class JsonPointer {
    private JsonPointer() {
    }

    /**
     * Decodes {@code /name} to {@code name} ({@code ~1} to {@code /}, {@code ~0} to {@code ~}); empty for a
     * pointer that is not of depth one or holds a {@code ~} not followed by {@code 0} or {@code 1}.
     */
    public static Optional<String> decodeSingleSegment(String pointer) {
        if (pointer.length() < 2 || pointer.charAt(0) != '/' || pointer.indexOf('/', 1) >= 0) {
            return Optional.empty();
        }
        StringBuilder name = new StringBuilder(pointer.length() - 1);
        for (int i = 1; i < pointer.length(); i++) {
            char c = pointer.charAt(i);
            if (c == '~') {
                char next = i + 1 < pointer.length() ? pointer.charAt(i + 1) : '\0';
                if (next == '0') {
                    name.append('~');
                } else if (next == '1') {
                    name.append('/');
                } else {
                    return Optional.empty();
                }
                i++;
            } else {
                name.append(c);
            }
        }
        return Optional.of(name.toString());
    }
}
