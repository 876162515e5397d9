package io.cloudimages.ims.image.domain.patch;

import io.cloudimages.ims.image.domain.ImsError;
import io.cloudimages.ims.image.domain.json.JsonNull;
import io.cloudimages.ims.image.domain.json.JsonNumber;
import io.cloudimages.ims.image.domain.json.JsonSyntaxException;
import io.cloudimages.ims.image.domain.json.StrictJsonParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deserializer step of the call: turns a request body into checked operations, or refuses it with
 * IMG.0007 (empty body) or IMG.0001 (any structural fault), before any image is loaded. Attribute rules are
 * not checked here: they need the image (CONTRACT 1.2).
 */
public final class PatchParser {
    public static final int MAX_OPERATIONS = 100;

    private PatchParser() {
    }

    /** Parses the raw body of a PATCH request. */
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

    /** Checks an already parsed document (as {@link StrictJsonParser} returns it), e.g. a patch inside an event. */
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
