package io.cloudimages.ims.domain.patch;

/**
 * One checked operation of a patch.
 *
 * @param index     its position in the request, from 0, for error messages
 * @param op        the operation
 * @param path      the pointer as sent, for error messages
 * @param attribute the attribute name the pointer decodes to
 * @param value     the JSON value ({@code String}, {@code JsonNumber} or {@code Boolean}); {@code null} for remove
 */
public record PatchOperation(int index, PatchOp op, String path, String attribute, Object value) {
}
