package io.cloudimages.ims.domain.json;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small RFC 8259 parser that is stricter than the usual libraries where the contract needs it: the input
 * must be valid UTF-8, a duplicate member name anywhere is an error, nesting is bounded (so hostile input
 * cannot exhaust the stack), and numbers keep their literal text.
 *
 * <p>Values come back as {@link Map} (insertion ordered), {@link JsonArray}, {@link String}, {@link JsonNumber},
 * {@link Boolean} and {@link JsonNull}. It is written here rather than configured from a library so that the
 * domain stays framework-free and every entry point parses a patch with exactly the same strictness.
 */
public final class StrictJsonParser {
    /**
     * The limits every JSON document read by this function is held to, whichever entry point it came through
     * (docs/behaviour.md, "Limits on every parser"). Past any of them the document is refused like any other
     * syntax error, so no entry point can answer differently from another.
     */
    public static final int MAX_DEPTH = 64;
    public static final int MAX_NUMBER_LENGTH = 1_000;
    public static final int MAX_NAME_LENGTH = 1_024;
    public static final int MAX_STRING_LENGTH = 64 * 1024;

    private final String text;
    private int pos;

    private StrictJsonParser(String text) {
        this.text = text;
    }

    /** Parses one JSON document from UTF-8 bytes. */
    public static Object parse(byte[] utf8) {
        return parse(decodeUtf8(utf8));
    }

    /** Parses one JSON document from text already decoded. */
    public static Object parse(String text) {
        StrictJsonParser parser = new StrictJsonParser(text);
        parser.skipWhitespace();
        Object value = parser.readValue(0);
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected content after the JSON value");
        }
        return value;
    }

    public static String decodeUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new JsonSyntaxException("the body is not valid UTF-8");
        }
    }

    private Object readValue(int depth) {
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return readObject(depth + 1);
            case '[':
                return readArray(depth + 1);
            case '"':
                return readString(MAX_STRING_LENGTH, "a string");
            case 't':
                expectLiteral("true");
                return Boolean.TRUE;
            case 'f':
                expectLiteral("false");
                return Boolean.FALSE;
            case 'n':
                expectLiteral("null");
                return JsonNull.INSTANCE;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return readNumber();
                }
                throw error("unexpected character");
        }
    }

    private Map<String, Object> readObject(int depth) {
        checkDepth(depth);
        pos++; // '{'
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return members;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a member name");
            }
            String name = readString(MAX_NAME_LENGTH, "a member name");
            skipWhitespace();
            if (peek() != ':') {
                throw error("expected ':'");
            }
            pos++;
            skipWhitespace();
            Object value = readValue(depth);
            if (members.putIfAbsent(name, value) != null) {
                throw error("duplicate member name");
            }
            skipWhitespace();
            char next = peek();
            pos++;
            if (next == '}') {
                return members;
            }
            if (next != ',') {
                pos--;
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> readArray(int depth) {
        checkDepth(depth);
        int start = pos;
        pos++; // '['
        List<Object> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return new JsonArray(elements, text, start, pos);
        }
        while (true) {
            skipWhitespace();
            elements.add(readValue(depth));
            skipWhitespace();
            char next = peek();
            pos++;
            if (next == ']') {
                return new JsonArray(elements, text, start, pos);
            }
            if (next != ',') {
                pos--;
                throw error("expected ',' or ']'");
            }
        }
    }

    private String readString(int maxLength, String what) {
        pos++; // opening quote
        StringBuilder out = null;
        int start = pos;
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String value = out == null ? text.substring(start, pos) : out.append(text, start, pos).toString();
                if (value.length() > maxLength) {
                    throw error(what + " longer than " + maxLength + " characters");
                }
                pos++;
                return value;
            }
            if (c < 0x20) {
                throw error("unescaped control character in a string");
            }
            if (c == '\\') {
                if (out == null) {
                    out = new StringBuilder();
                }
                out.append(text, start, pos);
                pos++;
                out.append(readEscape());
                start = pos;
                continue;
            }
            pos++;
        }
    }

    private char readEscape() {
        if (pos >= text.length()) {
            throw error("unterminated escape");
        }
        char c = text.charAt(pos++);
        switch (c) {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                if (pos + 4 > text.length()) {
                    throw error("truncated \\u escape");
                }
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = Character.digit(text.charAt(pos + i), 16);
                    if (digit < 0) {
                        throw error("invalid \\u escape");
                    }
                    code = code * 16 + digit;
                }
                pos += 4;
                // Lone surrogates are kept: they are valid JSON text, and the attribute rules refuse them.
                return (char) code;
            default:
                pos--;
                throw error("invalid escape");
        }
    }

    private JsonNumber readNumber() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            throw error("invalid number");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error("invalid number");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("invalid number");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (pos - start > MAX_NUMBER_LENGTH) {
            throw error("a number longer than " + MAX_NUMBER_LENGTH + " characters");
        }
        return new JsonNumber(text.substring(start, pos));
    }

    private void expectLiteral(String literal) {
        if (!text.startsWith(literal, pos)) {
            throw error("unexpected character");
        }
        pos += literal.length();
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /** The character at the cursor, or NUL at the end (NUL never starts a valid token here). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private JsonSyntaxException error(String reason) {
        return new JsonSyntaxException(reason + " at offset " + pos);
    }
}
