package io.cloudimages.ims.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cloudimages.ims.domain.json.JsonNull;
import io.cloudimages.ims.domain.json.JsonNumber;
import io.cloudimages.ims.domain.json.JsonSyntaxException;
import io.cloudimages.ims.domain.json.StrictJsonParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

class StrictJsonParserTest {

    @Test
    void parsesEveryKindOfValue() {
        Object parsed = StrictJsonParser.parse("[{\"a\":\"x\\u00e9\\n\",\"b\":-1.5e3,\"c\":true,\"d\":null,\"e\":[]}]");
        Map<?, ?> object = (Map<?, ?>) ((List<?>) parsed).get(0);
        assertEquals("xé\n", object.get("a"));
        assertEquals(new JsonNumber("-1.5e3"), object.get("b"));
        assertEquals(Boolean.TRUE, object.get("c"));
        assertEquals(JsonNull.INSTANCE, object.get("d"));
        assertEquals(List.of(), object.get("e"));
    }

    @Test
    void keepsTheLiteralTextOfNumbers() {
        JsonNumber number = (JsonNumber) StrictJsonParser.parse("123456789012345678901234567890");
        assertEquals("123456789012345678901234567890", number.text());
        assertEquals(true, number.isIntegerLiteral());
        assertEquals(false, ((JsonNumber) StrictJsonParser.parse("5.0")).isIntegerLiteral());
        assertEquals(false, ((JsonNumber) StrictJsonParser.parse("1e3")).isIntegerLiteral());
    }

    @Test
    void refusesDuplicateMemberNamesAtAnyDepth() {
        assertThrows(JsonSyntaxException.class, () -> StrictJsonParser.parse("{\"a\":1,\"a\":2}"));
        assertThrows(JsonSyntaxException.class, () -> StrictJsonParser.parse("[{\"op\":\"add\",\"x\":{\"k\":1,\"k\":1}}]"));
        // Escaped spellings of the same name are the same name.
        assertThrows(JsonSyntaxException.class, () -> StrictJsonParser.parse("{\"op\":1,\"\\u006fp\":2}"));
    }

    @Test
    void refusesDeepNestingWithoutExhaustingTheStack() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> StrictJsonParser.parse(deep));
        assertEquals(true, e.getMessage().contains("nesting"));
        String allowed = "[".repeat(StrictJsonParser.MAX_DEPTH) + "]".repeat(StrictJsonParser.MAX_DEPTH);
        assertInstanceOf(List.class, StrictJsonParser.parse(allowed));
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] invalid = {'[', '"', (byte) 0xC3, (byte) 0x28, '"', ']'};
        assertThrows(JsonSyntaxException.class, () -> StrictJsonParser.parse(invalid));
        byte[] overlong = {'[', '"', (byte) 0xC0, (byte) 0xAF, '"', ']'};
        assertThrows(JsonSyntaxException.class, () -> StrictJsonParser.parse(overlong));
        assertEquals(List.of("é"), StrictJsonParser.parse("[\"é\"]".getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "[", "[1,]", "{\"a\"}", "{\"a\":1,}", "[01]", "[1.]", "[.5]", "[+1]", "[1e]",
            "[NaN]", "[Infinity]", "[tru]", "[nul]", "['a']", "[\"a\\x\"]", "[\"\\u12\"]", "[1] x", "[\"a\u0001\"]",
            "\uFEFF[]", "{a:1}", "[\"unterminated]"})
    void refusesMalformedJson(String text) {
        assertThrows(JsonSyntaxException.class, () -> StrictJsonParser.parse(text));
    }

    @Test
    void keepsLoneSurrogatesForTheAttributeRulesToRefuse() {
        assertEquals(List.of("\uD800"), StrictJsonParser.parse("[\"\\ud800\"]"));
    }

    @Test
    void theLimitsOfEveryParserHold() {
        StrictJsonParser.parse("[" + "1".repeat(StrictJsonParser.MAX_NUMBER_LENGTH) + "]");
        assertThrows(JsonSyntaxException.class,
                () -> StrictJsonParser.parse("[" + "1".repeat(StrictJsonParser.MAX_NUMBER_LENGTH + 1) + "]"));
        StrictJsonParser.parse("{\"" + "a".repeat(StrictJsonParser.MAX_NAME_LENGTH) + "\":1}");
        assertThrows(JsonSyntaxException.class,
                () -> StrictJsonParser.parse("{\"" + "a".repeat(StrictJsonParser.MAX_NAME_LENGTH + 1) + "\":1}"));
        StrictJsonParser.parse("[\"" + "a".repeat(StrictJsonParser.MAX_STRING_LENGTH) + "\"]");
        assertThrows(JsonSyntaxException.class,
                () -> StrictJsonParser.parse("[\"" + "a".repeat(StrictJsonParser.MAX_STRING_LENGTH + 1) + "\"]"));
        StrictJsonParser.parse("[".repeat(StrictJsonParser.MAX_DEPTH) + "]".repeat(StrictJsonParser.MAX_DEPTH));
        assertThrows(JsonSyntaxException.class, () -> StrictJsonParser.parse(
                "[".repeat(StrictJsonParser.MAX_DEPTH + 1) + "]".repeat(StrictJsonParser.MAX_DEPTH + 1)));
    }

    @Test
    void anArrayKnowsTheSizeOfItsOwnText() {
        Map<?, ?> event = (Map<?, ?>) StrictJsonParser.parse("{\"a\": 1, \"patch\": [ \"é\", 2 ] }");
        assertEquals("[ \"é\", 2 ]".getBytes(StandardCharsets.UTF_8).length,
                ((io.cloudimages.ims.domain.json.JsonArray) event.get("patch")).sourceUtf8Length());
    }
}
