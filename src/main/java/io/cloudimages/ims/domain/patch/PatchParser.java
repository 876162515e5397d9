package io.cloudimages.ims.domain.patch;

import io.cloudimages.ims.domain.ImsError;
import io.cloudimages.ims.domain.json.JsonArray;
import io.cloudimages.ims.domain.json.JsonNull;
import io.cloudimages.ims.domain.json.JsonNumber;
import io.cloudimages.ims.domain.json.JsonSyntaxException;
import io.cloudimages.ims.domain.json.StrictJsonParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deserializer step of the call: turns a request body into checked operations, or refuses it with
 * IMG.0007 (empty body) or IMG.0001 (any structural fault), before any image is loaded. Attribute rules are
 * not checked here: they need the image (docs/behaviour.md §1.2).
 */
public final class PatchParser {
    public static final int MAX_OPERATIONS = 100;
    /** A patch's text holds at most this many bytes, however it arrives (a body, or inside an event). */
    public static final int MAX_BYTES = 64 * 1024;

    private PatchParser() {
    }

    /** 413 IMG.0413 for a patch past {@link #MAX_BYTES}; the PATCH route checks this before authenticating. */
    public static void checkSize(int bytes) {
        if (bytes > MAX_BYTES) {
            throw ImsError.BODY_TOO_LARGE.exception("the patch exceeds " + MAX_BYTES + " bytes");
        }
    }

    /** Parses the raw body of a PATCH request (its size already checked). */
    public static List<PatchOperation> parse(byte[] body) {
        if (body.length == 0) {
            throw ImsError.EMPTY_BODY.exception("the request body is empty; send a JSON array of operations");
        }
        Object document;
        try {
            document = StrictJsonParser.parse(body);
        } catch (JsonSyntaxException e) {
            throw ImsError.INVALID_REQUEST.exception("the request body is not valid JSON: " + e.getMessage());
        }
        return fromDocument(document);
    }

    /**
     * The size rule for a patch that came inside a larger document (a function event, a batch job), already
     * parsed: measured on its own text as it stood in that document, not on a copy written out again.
     */
    public static void checkEmbeddedSize(Object document) {
        if (document instanceof JsonArray array) {
            checkSize(array.sourceUtf8Length());
        }
    }

    /** Checks an already parsed document (as {@link StrictJsonParser} returns it). */
    public static List<PatchOperation> fromDocument(Object document) {
        if (!(document instanceof List<?> elements)) {
            throw ImsError.INVALID_REQUEST.exception("the request body must be a JSON array of operations");
        }
        if (elements.size() > MAX_OPERATIONS) {
            throw ImsError.INVALID_REQUEST.exception(
                    "a patch holds at most " + MAX_OPERATIONS + " operations, this one holds " + elements.size());
        }
        List<PatchOperation> operations = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            operations.add(operation(i, elements.get(i)));
        }
        return List.copyOf(operations);
    }

    private static PatchOperation operation(int index, Object element) {
        if (!(element instanceof Map<?, ?> members)) {
            throw ImsError.INVALID_REQUEST.exception("operation " + index + ": must be a JSON object");
        }
        Object rawPath = members.get("path");
        if (rawPath == null) {
            throw ImsError.INVALID_REQUEST.exception("operation " + index + ": 'path' is missing");
        }
        if (!(rawPath instanceof String path)) {
            throw ImsError.INVALID_REQUEST.exception("operation " + index + ": 'path' must be a string");
        }
        Object rawOp = members.get("op");
        if (rawOp == null) {
            throw ImsError.INVALID_REQUEST.atOperation(index, path, "'op' is missing");
        }
        Optional<PatchOp> known = rawOp instanceof String name ? PatchOp.fromWire(name) : Optional.empty();
        PatchOp op = known.orElseThrow(() -> ImsError.INVALID_REQUEST.atOperation(index, path,
                "'op' must be one of add, replace, remove"));
        String attribute = JsonPointer.decodeSingleSegment(path)
                .orElseThrow(() -> ImsError.INVALID_REQUEST.atOperation(index, path,
                        "'path' must be a JSON pointer to one attribute, such as /name"));
        if (!op.needsValue()) {
            return new PatchOperation(index, op, path, attribute, null);
        }
        if (!members.containsKey("value")) {
            throw ImsError.INVALID_REQUEST.atOperation(index, path, "'value' is missing");
        }
        Object value = members.get("value");
        if (!(value instanceof String || value instanceof JsonNumber || value instanceof Boolean)) {
            String kind = value == JsonNull.INSTANCE ? "null" : value instanceof List ? "an array" : "an object";
            throw ImsError.INVALID_REQUEST.atOperation(index, path,
                    "'value' must be a string, number or boolean, not " + kind);
        }
        return new PatchOperation(index, op, path, attribute, value);
    }
}
