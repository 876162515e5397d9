package io.cloudimages.ims.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudimages.ims.domain.json.JsonNumber;
import io.cloudimages.ims.domain.patch.PatchOp;
import io.cloudimages.ims.domain.patch.PatchOperation;
import io.cloudimages.ims.domain.patch.PatchParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

class PatchParserTest {

    static List<PatchOperation> parse(String body) {
        return PatchParser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    static ImsException refusal(String body) {
        return assertThrows(ImsException.class, () -> parse(body));
    }

    @Test
    void parsesTheSourceDocumentsExample() {
        List<PatchOperation> ops = parse("""
                [ {"op": "replace", "path": "/name", "value": "ims_test"},
                  {"op": "add", "path": "/__support_kvm_infiniband", "value": "true"},
                  {"op": "remove", "path": "/owner_team"} ]""");
        assertEquals(3, ops.size());
        assertEquals(new PatchOperation(0, PatchOp.REPLACE, "/name", "name", "ims_test"), ops.get(0));
        assertEquals(PatchOp.ADD, ops.get(1).op());
        assertEquals("__support_kvm_infiniband", ops.get(1).attribute());
        assertEquals(new PatchOperation(2, PatchOp.REMOVE, "/owner_team", "owner_team", null), ops.get(2));
    }

    @Test
    void anEmptyBodyIsImg0007AndAnEmptyArrayIsNoOperation() {
        assertEquals(ImsError.EMPTY_BODY, assertThrows(ImsException.class, () -> PatchParser.parse(new byte[0])).error());
        assertEquals(List.of(), parse("[]"));
        assertEquals(List.of(), parse(" \n[ ]\t"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "\"x\"", "1", "null", "true", "[1]", "[\"op\"]", "[[]]", "[null]", "not json",
            "[{\"op\":\"add\",\"path\":\"/a\",\"value\":\"1\",\"value\":\"2\"}]"})
    void structuralFaultsAreImg0001(String body) {
        assertEquals(ImsError.INVALID_REQUEST, refusal(body).error());
    }

    @Test
    void atMostOneHundredOperations() {
        String op = "{\"op\":\"add\",\"path\":\"/k\",\"value\":\"v\"}";
        assertEquals(100, parse("[" + String.join(",", java.util.Collections.nCopies(100, op)) + "]").size());
        ImsException e = refusal("[" + String.join(",", java.util.Collections.nCopies(101, op)) + "]");
        assertEquals(ImsError.INVALID_REQUEST, e.error());
        assertTrue(e.getMessage().contains("100"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"test", "move", "copy", "ADD", "Replace", "", " add"})
    void onlyAddReplaceAndRemoveInLowerCase(String op) {
        ImsException e = refusal("[{\"op\":\"" + op + "\",\"path\":\"/name\",\"value\":\"x\"}]");
        assertEquals(ImsError.INVALID_REQUEST, e.error());
        assertEquals("operation 0 (/name): 'op' must be one of add, replace, remove", e.getMessage());
    }

    @Test
    void opAndPathMustBePresentAndStrings() {
        assertEquals("operation 0 (/name): 'op' is missing", refusal("[{\"path\":\"/name\",\"value\":\"x\"}]").getMessage());
        assertEquals("operation 0: 'path' is missing", refusal("[{\"op\":\"add\",\"value\":\"x\"}]").getMessage());
        assertEquals("operation 0: 'path' must be a string", refusal("[{\"op\":\"add\",\"path\":1,\"value\":\"x\"}]").getMessage());
        assertEquals(ImsError.INVALID_REQUEST, refusal("[{\"op\":1,\"path\":\"/a\",\"value\":\"x\"}]").error());
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "/", "//x", "/a/b", "/name/", "/a~", "/a~2", "/~", ""})
    void pathMustBeAPointerOfDepthOne(String path) {
        ImsException e = refusal("[{\"op\":\"add\",\"path\":\"" + path + "\",\"value\":\"x\"}]");
        assertEquals(ImsError.INVALID_REQUEST, e.error());
        assertTrue(e.getMessage().startsWith("operation 0 (" + path + "): 'path'"), e.getMessage());
    }

    @Test
    void pointerEscapesAreDecoded() {
        assertEquals("a/b", parse("[{\"op\":\"add\",\"path\":\"/a~1b\",\"value\":\"x\"}]").get(0).attribute());
        assertEquals("a~b", parse("[{\"op\":\"add\",\"path\":\"/a~0b\",\"value\":\"x\"}]").get(0).attribute());
        assertEquals("~1", parse("[{\"op\":\"add\",\"path\":\"/~01\",\"value\":\"x\"}]").get(0).attribute());
    }

    @Test
    void valueIsRequiredForAddAndReplace() {
        assertEquals("operation 1 (/name): 'value' is missing", refusal(
                "[{\"op\":\"remove\",\"path\":\"/a\"},{\"op\":\"replace\",\"path\":\"/name\"}]").getMessage());
        assertEquals(ImsError.INVALID_REQUEST, refusal("[{\"op\":\"add\",\"path\":\"/a\"}]").error());
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "{}", "[]", "[\"x\"]", "{\"a\":1}"})
    void valueMustBeAStringNumberOrBoolean(String value) {
        ImsException e = refusal("[{\"op\":\"add\",\"path\":\"/a\",\"value\":" + value + "}]");
        assertEquals(ImsError.INVALID_REQUEST, e.error());
        assertTrue(e.getMessage().startsWith("operation 0 (/a): 'value' must be a string, number or boolean"));
    }

    @Test
    void removeIgnoresItsValueWhateverItHolds() {
        for (String value : List.of("\"\"", "null", "{}", "[1]", "3")) {
            PatchOperation op = parse("[{\"op\":\"remove\",\"path\":\"/a\",\"value\":" + value + "}]").get(0);
            assertNull(op.value());
        }
    }

    @Test
    void otherMembersAreIgnoredAndValuesKeepTheirJsonType() {
        List<PatchOperation> ops = parse("[{\"op\":\"add\",\"path\":\"/a\",\"value\":5,\"from\":\"/b\",\"x\":null},"
                + "{\"op\":\"add\",\"path\":\"/b\",\"value\":true}]");
        assertEquals(new JsonNumber("5"), ops.get(0).value());
        assertEquals(Boolean.TRUE, ops.get(1).value());
    }

    @Test
    void longPathsAreAbbreviatedInMessages() {
        String path = "/" + "x".repeat(5000);
        ImsException e = refusal("[{\"op\":\"bad\",\"path\":\"" + path + "\"}]");
        assertTrue(e.getMessage().length() < 250, e.getMessage());
    }
}
