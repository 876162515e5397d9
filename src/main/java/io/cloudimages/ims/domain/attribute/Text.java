package io.cloudimages.ims.domain.attribute;

/** Text checks shared by every string-valued attribute. */
final class Text {
    private Text() {
    }

    static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }

    /** True when the string holds U+0000 or a surrogate without its pair: neither can be stored as text. */
    static boolean hasForbiddenCharacters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\0') {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
