package io.cloudimages.ims.domain.attribute;

import io.cloudimages.ims.domain.ImageId;
import io.cloudimages.ims.domain.ImsError;
import io.cloudimages.ims.domain.json.JsonNumber;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The attribute catalogue of docs/behaviour.md §2: which names may be changed, with which values, and which are
 * read-only. Every entry point asks this class; no rule about an attribute lives anywhere else.
 */
public final class AttributeCatalogue {
    public static final String NAME = "name";
    public static final String DESCRIPTION = "__description";
    public static final String MIN_RAM = "min_ram";
    public static final String MAX_RAM = "max_ram";
    public static final String FIRMWARE_TYPE = "hw_firmware_type";
    public static final String VIF_MULTIQUEUE = "hw_vif_multiqueue_enabled";
    public static final String ENTERPRISE_PROJECT_ID = "enterprise_project_id";
    public static final String SUPPORT_XEN = "__support_xen";
    public static final String SUPPORT_KVM = "__support_kvm";
    public static final String SUPPORT_XEN_HANA = "__support_xen_hana";
    public static final String SUPPORT_KVM_INFINIBAND = "__support_kvm_infiniband";
    public static final String SUPPORT_XEN_GPU_TYPE = "__support_xen_gpu_type";
    public static final String SUPPORT_KVM_GPU_TYPE = "__support_kvm_gpu_type";

    public static final int MAX_RAM_MB = 1_048_576;
    public static final int MAX_EXTENSION_ATTRIBUTES = 128;
    static final int MAX_EXTENSION_VALUE_LENGTH = 255;

    /** The flags of docs/behaviour.md §2.2, in the order they are listed there. */
    public static final List<String> FLAGS = List.of(VIF_MULTIQUEUE,
            SUPPORT_XEN, SUPPORT_KVM, "__support_largememory", "__support_diskintensive",
            "__support_highperformance", SUPPORT_XEN_HANA, SUPPORT_KVM_INFINIBAND, "__support_amd",
            "__support_fc_inject", "__support_kvm_hi1822_hisriov", "__support_kvm_hi1822_hivirtionet",
            "__is_config_init");

    /** The response-table members and system names of docs/behaviour.md §2.3. */
    public static final Set<String> READ_ONLY = Set.of(
            "file", "owner", "id", "size", "self", "schema", "status", "tags", "visibility", "checksum",
            "deleted", "protected", "container_format", "updated_at", "__os_bit", "__os_version", "disk_format",
            "__isregistered", "__platform", "__os_type", "min_disk", "virtual_env_type", "__image_source_type",
            "__imagetype", "created_at", "virtual_size", "deleted_at", "__originalimagename", "__backup_id",
            "__productcode", "__image_size", "__data_origin",
            "location", "locations", "direct_url", "os_hidden", "os_hash_algo", "os_hash_value", "active_at",
            "os_shutdown_timeout");

    private static final Pattern NAME_CHARACTERS = Pattern.compile("[\\p{L}\\p{M}\\p{Nd} ._-]+");
    private static final Pattern RAM_TEXT = Pattern.compile("0|[1-9][0-9]{0,6}");
    private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,254}");
    private static final BigInteger RAM_LIMIT = BigInteger.valueOf(MAX_RAM_MB);

    private static final Map<String, Attribute> MODIFIABLE = new HashMap<>();

    static {
        modifiable(NAME, false, AttributeCatalogue::name);
        modifiable(DESCRIPTION, true, AttributeCatalogue::description);
        modifiable(MIN_RAM, false, AttributeCatalogue::ramSize);
        modifiable(MAX_RAM, true, AttributeCatalogue::ramSize);
        modifiable(FIRMWARE_TYPE, false, value -> oneOf(value, Set.of("bios", "uefi"), ImsError.FIRMWARE_TYPE));
        for (String flag : FLAGS) {
            modifiable(flag, true, AttributeCatalogue::flag);
        }
        modifiable(SUPPORT_XEN_GPU_TYPE, true, value -> oneOf(value, Set.of("M60_vGPU"), ImsError.INVALID_REQUEST));
        modifiable(SUPPORT_KVM_GPU_TYPE, true, value -> oneOf(value,
                Set.of("M60", "V100_vGPU", "P2V_V100", "P100", "V100"), ImsError.INVALID_REQUEST));
        modifiable(ENTERPRISE_PROJECT_ID, false, AttributeCatalogue::enterpriseProjectId);
    }

    private AttributeCatalogue() {
    }

    /** Classifies any attribute name; never fails. */
    public static Attribute describe(String name) {
        Attribute modifiable = MODIFIABLE.get(name);
        if (modifiable != null) {
            return modifiable;
        }
        if (isReserved(name)) {
            return Attribute.readOnly(name);
        }
        if (EXTENSION_NAME.matcher(name).matches()) {
            return new Attribute(name, AttributeKind.EXTENSION, true, AttributeCatalogue::extensionValue);
        }
        return Attribute.invalidName(name);
    }

    public static boolean isExtension(String name) {
        return describe(name).kind() == AttributeKind.EXTENSION;
    }

    private static boolean isReserved(String name) {
        return READ_ONLY.contains(name) || name.startsWith("__") || name.startsWith("os_glance");
    }

    private static void modifiable(String name, boolean removable, ValueRule rule) {
        MODIFIABLE.put(name, new Attribute(name, AttributeKind.MODIFIABLE, removable, rule));
    }

    private static String name(Object value) {
        String text = string(value, ImsError.NAME_FORMAT);
        int length = Text.codePoints(text);
        if (length < 1 || length > 128) {
            throw new Violation(ImsError.NAME_LENGTH, "the name must be 1 to 128 characters long");
        }
        if (!NAME_CHARACTERS.matcher(text).matches() || text.startsWith(" ") || text.endsWith(" ")) {
            throw new Violation(ImsError.NAME_FORMAT, "the name may hold letters, digits, spaces, '-', '.' and '_'"
                    + " only, and must not start or end with a space");
        }
        return text;
    }

    private static String description(Object value) {
        String text = string(value, ImsError.DESCRIPTION_FORMAT);
        if (Text.codePoints(text) > 1024) {
            throw new Violation(ImsError.DESCRIPTION_LENGTH, "the description must be at most 1024 characters long");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == '<' || c == '>') {
                throw new Violation(ImsError.DESCRIPTION_FORMAT,
                        "the description must not contain line breaks, '<' or '>'");
            }
        }
        return text;
    }

    private static String ramSize(Object value) {
        BigInteger megabytes = null;
        // At most 8 characters ("-1048576") can be in range: longer literals are refused before any arithmetic.
        if (value instanceof JsonNumber number && number.isIntegerLiteral() && number.text().length() <= 8) {
            megabytes = number.integerValue();
        } else if (value instanceof String text && RAM_TEXT.matcher(text).matches()) {
            megabytes = new BigInteger(text);
        }
        if (megabytes == null || megabytes.signum() < 0 || megabytes.compareTo(RAM_LIMIT) > 0) {
            throw new Violation(ImsError.RAM_SIZE,
                    "the memory size must be a whole number of MB from 0 to " + MAX_RAM_MB);
        }
        return megabytes.toString();
    }

    private static String flag(Object value) {
        if (value instanceof Boolean bool) {
            return bool.toString();
        }
        if ("true".equals(value) || "false".equals(value)) {
            return (String) value;
        }
        throw new Violation(ImsError.INVALID_REQUEST, "the value must be true or false");
    }

    private static String oneOf(Object value, Set<String> allowed, ImsError error) {
        if (value instanceof String text && allowed.contains(text)) {
            return text;
        }
        throw new Violation(error, "the value must be one of " + String.join(", ", allowed.stream().sorted().toList()));
    }

    private static String enterpriseProjectId(Object value) {
        if (value instanceof String text && (text.equals("0") || ImageId.isCanonicalUuid(text))) {
            return text;
        }
        throw new Violation(ImsError.INVALID_REQUEST, "the enterprise project ID must be \"0\" or a UUID");
    }

    private static String extensionValue(Object value) {
        String stored;
        if (value instanceof String text) {
            if (Text.hasForbiddenCharacters(text)) {
                throw new Violation(ImsError.INVALID_REQUEST, "the value must not contain U+0000 or unpaired surrogates");
            }
            stored = text;
        } else if (value instanceof Boolean bool) {
            stored = bool.toString();
        } else if (value instanceof JsonNumber number && number.isIntegerLiteral()
                && number.text().length() <= MAX_EXTENSION_VALUE_LENGTH + 1) {
            stored = number.integerValue().toString();
        } else {
            throw new Violation(ImsError.INVALID_REQUEST, "the value must be a string, a boolean or an integer");
        }
        if (Text.codePoints(stored) > MAX_EXTENSION_VALUE_LENGTH) {
            throw new Violation(ImsError.INVALID_REQUEST,
                    "the value must be at most " + MAX_EXTENSION_VALUE_LENGTH + " characters long");
        }
        return stored;
    }

    /** A JSON string without U+0000 or unpaired surrogates, refused with the attribute's format code. */
    private static String string(Object value, ImsError formatError) {
        if (!(value instanceof String text)) {
            throw new Violation(formatError, "the value must be a string");
        }
        if (Text.hasForbiddenCharacters(text)) {
            throw new Violation(formatError, "the value must not contain U+0000 or unpaired surrogates");
        }
        return text;
    }
}
