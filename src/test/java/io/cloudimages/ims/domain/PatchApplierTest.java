package io.cloudimages.ims.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudimages.ims.domain.attribute.AttributeCatalogue;
import io.cloudimages.ims.domain.patch.PatchApplier;
import io.cloudimages.ims.domain.patch.PatchParser;
import io.cloudimages.ims.domain.patch.PatchResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** docs/behaviour.md §1.2 and section 2, rule by rule, at and just beyond each limit. */
class PatchApplierTest {
    static final Map<String, String> IMAGE = Map.of("name", "ims_demo", "min_ram", "0",
            "__description", "ims test", "hw_firmware_type", "bios");

    static PatchResult apply(Map<String, String> state, String patch) {
        return PatchApplier.apply(state, PatchParser.parse(patch.getBytes(StandardCharsets.UTF_8)));
    }

    static Map<String, String> applied(String patch) {
        return apply(IMAGE, patch).attributes();
    }

    static ImsException refusal(Map<String, String> state, String patch) {
        return assertThrows(ImsException.class, () -> apply(state, patch));
    }

    static ImsException refusal(String patch) {
        return refusal(IMAGE, patch);
    }

    static String op(String op, String path, String jsonValue) {
        return "[{\"op\":\"" + op + "\",\"path\":\"" + path + "\",\"value\":" + jsonValue + "}]";
    }

    static String str(String s) {
        return "\"" + s + "\"";
    }

    // ---- presence (1.2 table) -------------------------------------------------------------------------

    @Test
    void addSetsAnAbsentAttributeAndReplacesAPresentOne() {
        assertEquals("storage", applied(op("add", "/owner_team", str("storage"))).get("owner_team"));
        assertEquals("other", applied(op("add", "/name", str("other"))).get("name"));
    }

    @Test
    void replaceOfAnAbsentAttributeIsImg0035() {
        ImsException e = refusal(op("replace", "/owner_team", str("x")));
        assertEquals(ImsError.ATTRIBUTE_STATE, e.error());
        assertEquals("IMG.0035", e.error().code());
        assertTrue(e.getMessage().startsWith("operation 0 (/owner_team): "));
        assertEquals("x", applied(op("replace", "/__description", str("x"))).get("__description"));
    }

    @Test
    void removeDeletesAPresentAttributeAndRefusesAnAbsentOne() {
        assertFalse(applied("[{\"op\":\"remove\",\"path\":\"/__description\"}]").containsKey("__description"));
        assertEquals(ImsError.ATTRIBUTE_STATE, refusal("[{\"op\":\"remove\",\"path\":\"/max_ram\"}]").error());
    }

    @Test
    void operationsApplyInOrder() {
        Map<String, String> result = applied("[{\"op\":\"add\",\"path\":\"/k\",\"value\":\"1\"},"
                + "{\"op\":\"replace\",\"path\":\"/k\",\"value\":\"2\"},{\"op\":\"remove\",\"path\":\"/k\"},"
                + "{\"op\":\"add\",\"path\":\"/k\",\"value\":\"3\"}]");
        assertEquals("3", result.get("k"));
    }

    // ---- read-only and non-removable (403 IMG.0105) -----------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"file", "owner", "id", "size", "self", "schema", "status", "tags", "visibility", "checksum",
            "deleted", "protected", "container_format", "updated_at", "__os_bit", "__os_version", "disk_format",
            "__isregistered", "__platform", "__os_type", "min_disk", "virtual_env_type", "__image_source_type",
            "__imagetype", "created_at", "virtual_size", "deleted_at", "__originalimagename", "__backup_id",
            "__productcode", "__image_size", "__data_origin", "location", "locations", "direct_url", "os_hidden",
            "os_hash_algo", "os_hash_value", "active_at", "os_shutdown_timeout", "os_glance_import_task",
            "os_glance", "__anything_else", "__"})
    void readOnlyNamesAre403ForEveryOperation(String name) {
        for (String op : new String[] {"add", "replace", "remove"}) {
            ImsException e = refusal(op(op, "/" + name, str("x")));
            assertEquals(ImsError.READ_ONLY_ATTRIBUTE, e.error(), op + " " + name);
            assertEquals(403, e.error().status());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "min_ram", "hw_firmware_type", "enterprise_project_id"})
    void someModifiableAttributesCannotBeRemoved(String name) {
        assertEquals(ImsError.READ_ONLY_ATTRIBUTE, refusal("[{\"op\":\"remove\",\"path\":\"/" + name + "\"}]").error());
    }

    @Test
    void readOnlyIsCheckedBeforeTheValue() {
        assertEquals(ImsError.READ_ONLY_ATTRIBUTE, refusal(op("add", "/status", "true")).error());
    }

    // ---- name -------------------------------------------------------------------------------------------

    @Test
    void nameLengthIsOneTo128CodePoints() {
        assertEquals("a".repeat(128), applied(op("replace", "/name", str("a".repeat(128)))).get("name"));
        String emoji128 = "\uD840\uDC00".repeat(128); // CJK Ext. B letter, two UTF-16 units each
        assertEquals(emoji128, applied(op("replace", "/name", str(emoji128))).get("name"));
        assertEquals(ImsError.NAME_LENGTH, refusal(op("replace", "/name", str("a".repeat(129)))).error());
        assertEquals(ImsError.NAME_LENGTH, refusal(op("replace", "/name", str(""))).error());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ims test", "ImS-1.2_x", "镜像", "café", "e\u0301", "٣"})
    void nameAllowsLettersMarksDigitsSpaceDashDotUnderscore(String name) {
        assertEquals(name, applied(op("replace", "/name", str(name))).get("name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {" lead", "trail ", "a/b", "a@b", "a\\tb", "a\\u0000b", "a\\ud800", "tab\\t", "ⅷ"})
    void nameRefusesOtherCharactersWithImg0003(String json) {
        assertEquals(ImsError.NAME_FORMAT, refusal(op("replace", "/name", str(json))).error());
    }

    @Test
    void nameMustBeAString() {
        assertEquals(ImsError.NAME_FORMAT, refusal(op("replace", "/name", "1")).error());
        assertEquals(ImsError.NAME_FORMAT, refusal(op("replace", "/name", "true")).error());
    }

    // ---- __description ------------------------------------------------------------------------------------

    @Test
    void descriptionIsAtMost1024CodePointsWithoutLineBreaksOrAngleBrackets() {
        assertEquals(1024, applied(op("replace", "/__description", str("d".repeat(1024)))).get("__description").length());
        assertEquals("", applied(op("replace", "/__description", str(""))).get("__description"));
        assertEquals(ImsError.DESCRIPTION_LENGTH, refusal(op("replace", "/__description", str("d".repeat(1025)))).error());
        for (String bad : new String[] {"a\\nb", "a\\rb", "<b>", "a>b", "nul\\u0000", "\\udc00"}) {
            assertEquals(ImsError.DESCRIPTION_FORMAT, refusal(op("replace", "/__description", str(bad))).error(), bad);
        }
        assertEquals(ImsError.DESCRIPTION_FORMAT, refusal(op("replace", "/__description", "5")).error());
    }

    // ---- min_ram / max_ram ----------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"0,0", "1048576,1048576", "\"0\",0", "\"1048576\",1048576", "\"9999999\",", "1048577,", "-1,",
            "\"+5\",", "\" 5\",", "\"05\",", "\"5.0\",", "5.0,", "1e3,", "\"1e3\",", "true,", "\"\",",
            "99999999999999999999999,"})
    void ramSizes(String json, String stored) {
        if (stored == null) {
            assertEquals(ImsError.RAM_SIZE, refusal(op("replace", "/min_ram", json)).error(), json);
            assertEquals(ImsError.RAM_SIZE, refusal(op("add", "/max_ram", json)).error(), json);
        } else {
            assertEquals(stored, applied(op("replace", "/min_ram", json)).get("min_ram"));
            assertEquals(stored, applied(op("add", "/max_ram", json)).get("max_ram"));
        }
    }

    @Test
    void maxRamMayNotBeBelowMinRamOnTheFinalState() {
        ImsException e = refusal("[{\"op\":\"replace\",\"path\":\"/min_ram\",\"value\":2048},"
                + "{\"op\":\"add\",\"path\":\"/max_ram\",\"value\":\"1024\"}]");
        assertEquals(ImsError.RAM_SIZE, e.error());
        // Checked on the final state: an intermediate inversion is fine.
        Map<String, String> ok = applied("[{\"op\":\"add\",\"path\":\"/max_ram\",\"value\":\"1024\"},"
                + "{\"op\":\"replace\",\"path\":\"/min_ram\",\"value\":2048},"
                + "{\"op\":\"replace\",\"path\":\"/max_ram\",\"value\":4096}]");
        assertEquals("4096", ok.get("max_ram"));
        assertEquals("1024", applied("[{\"op\":\"replace\",\"path\":\"/min_ram\",\"value\":1024},"
                + "{\"op\":\"add\",\"path\":\"/max_ram\",\"value\":1024}]").get("max_ram"));
    }

    // ---- hw_firmware_type, flags, GPU types, enterprise_project_id ------------------------------------------

    @Test
    void firmwareTypeIsBiosOrUefi() {
        assertEquals("uefi", applied(op("replace", "/hw_firmware_type", str("uefi"))).get("hw_firmware_type"));
        for (String bad : new String[] {str("UEFI"), str("efi"), str(""), "true", "1"}) {
            assertEquals(ImsError.FIRMWARE_TYPE, refusal(op("replace", "/hw_firmware_type", bad)).error(), bad);
        }
    }

    @Test
    void flagsAcceptBooleansAndTheirLowerCaseStrings() {
        for (String flag : AttributeCatalogue.FLAGS) {
            assertEquals("true", applied(op("add", "/" + flag, "true")).get(flag));
            assertEquals("false", applied(op("add", "/" + flag, "false")).get(flag));
            assertEquals("true", applied(op("add", "/" + flag, str("true"))).get(flag));
            for (String bad : new String[] {str("True"), str("yes"), "1", str(""), str("1")}) {
                assertEquals(ImsError.INVALID_REQUEST, refusal(op("add", "/" + flag, bad)).error(), flag + bad);
            }
        }
    }

    @Test
    void gpuTypesAreFromTheirLists() {
        assertEquals("M60_vGPU", applied(op("add", "/__support_xen_gpu_type", str("M60_vGPU"))).get("__support_xen_gpu_type"));
        assertEquals(ImsError.INVALID_REQUEST, refusal(op("add", "/__support_xen_gpu_type", str("M60"))).error());
        for (String type : new String[] {"M60", "V100_vGPU", "P2V_V100", "P100", "V100"}) {
            assertEquals(type, applied(op("add", "/__support_kvm_gpu_type", str(type))).get("__support_kvm_gpu_type"));
        }
        assertEquals(ImsError.INVALID_REQUEST, refusal(op("add", "/__support_kvm_gpu_type", str("v100"))).error());
    }

    @Test
    void enterpriseProjectIdIsZeroOrAUuid() {
        assertEquals("0", applied(op("add", "/enterprise_project_id", str("0"))).get("enterprise_project_id"));
        String uuid = "A1B2C3D4-0000-4000-8000-00000000000F";
        assertEquals(uuid, applied(op("add", "/enterprise_project_id", str(uuid))).get("enterprise_project_id"));
        for (String bad : new String[] {str("1"), str("a1b2c3d40000400080000000000000f"), "0", str("")}) {
            assertEquals(ImsError.INVALID_REQUEST, refusal(op("add", "/enterprise_project_id", bad)).error(), bad);
        }
    }

    // ---- extension attributes -----------------------------------------------------------------------------

    @Test
    void extensionValuesAreStringsBooleansOrIntegers() {
        assertEquals("true", applied(op("add", "/k", "true")).get("k"));
        assertEquals("-42", applied(op("add", "/k", "-42")).get("k"));
        assertEquals("123456789012345678901234567890", applied(op("add", "/k", "123456789012345678901234567890")).get("k"));
        assertEquals("v".repeat(255), applied(op("add", "/k", str("v".repeat(255)))).get("k"));
        for (String bad : new String[] {"1.5", "1e3", "5.0", str("v".repeat(256)), str("a\\u0000"), str("\\ud800x"),
                "1" + "0".repeat(255)}) {
            assertEquals(ImsError.INVALID_REQUEST, refusal(op("add", "/k", bad)).error(), bad);
        }
    }

    @Test
    void extensionNames() {
        String longest = "a" + "b".repeat(254);
        assertTrue(applied(op("add", "/" + longest, str("x"))).containsKey(longest));
        for (String good : new String[] {"0a", "a.b:c-d_e", "x"}) {
            assertTrue(applied(op("add", "/" + good, str("x"))).containsKey(good), good);
        }
        for (String bad : new String[] {"A", "_a", "-a", ".a", ":a", "a b", "a~1b", "é", longest + "c"}) {
            ImsException e = refusal(op("add", "/" + bad, str("x")));
            assertEquals(ImsError.INVALID_REQUEST, e.error(), bad);
        }
    }

    @Test
    void atMost128ExtensionAttributesOnTheFinalState() {
        Map<String, String> full = new HashMap<>(IMAGE);
        for (int i = 0; i < 128; i++) {
            full.put("ext" + i, "v");
        }
        ImsException e = refusal(full, op("add", "/one_more", str("v")));
        assertEquals(ImsError.INVALID_REQUEST, e.error());
        // Counted on the final state: adding one after removing one stays within the quota.
        Map<String, String> result = apply(full, "[{\"op\":\"add\",\"path\":\"/one_more\",\"value\":\"v\"},"
                + "{\"op\":\"remove\",\"path\":\"/ext0\"}]").attributes();
        assertTrue(result.containsKey("one_more"));
        // Modifiable attributes do not count.
        assertTrue(apply(full, op("add", "/__support_kvm", "true")).changed());
    }

    // ---- co-existence (final state, IMG.0035) --------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"__support_xen_hana,true,__support_xen", "__support_xen_hana,true,__support_kvm",
            "__support_xen_gpu_type,M60_vGPU,__support_xen", "__support_xen_gpu_type,M60_vGPU,__support_kvm",
            "__support_kvm_gpu_type,V100,__support_xen", "__support_kvm_gpu_type,V100,__support_kvm",
            "__support_kvm_infiniband,true,__support_xen"})
    void exclusiveCombinationsAreRefused(String attribute, String value, String flag) {
        String patch = "[{\"op\":\"add\",\"path\":\"/" + attribute + "\",\"value\":\"" + value + "\"},"
                + "{\"op\":\"add\",\"path\":\"/" + flag + "\",\"value\":\"true\"}]";
        assertEquals(ImsError.ATTRIBUTE_STATE, refusal(patch).error());
        // The same with the flag false is fine.
        assertTrue(apply(IMAGE, patch.replace("\"value\":\"true\"}]", "\"value\":\"false\"}]")).changed());
    }

    @Test
    void allowedCombinations() {
        assertTrue(apply(IMAGE, "[{\"op\":\"add\",\"path\":\"/__support_xen\",\"value\":true},"
                + "{\"op\":\"add\",\"path\":\"/__support_kvm\",\"value\":true}]").changed());
        assertTrue(apply(IMAGE, "[{\"op\":\"add\",\"path\":\"/__support_kvm_infiniband\",\"value\":true},"
                + "{\"op\":\"add\",\"path\":\"/__support_kvm\",\"value\":true}]").changed());
        assertTrue(apply(IMAGE, "[{\"op\":\"add\",\"path\":\"/__support_xen_hana\",\"value\":false},"
                + "{\"op\":\"add\",\"path\":\"/__support_xen\",\"value\":true}]").changed());
    }

    // ---- all or nothing -----------------------------------------------------------------------------------

    @Test
    void aFailingOperationLeavesTheInputUntouched() {
        Map<String, String> state = new TreeMap<>(IMAGE);
        Map<String, String> before = Map.copyOf(state);
        ImsException e = refusal(state, "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"changed\"},"
                + "{\"op\":\"add\",\"path\":\"/k\",\"value\":\"v\"},{\"op\":\"replace\",\"path\":\"/absent\",\"value\":\"v\"}]");
        assertEquals("operation 2 (/absent): the attribute is not set, so it cannot be replaced (use add)", e.getMessage());
        assertEquals(before, state);
    }

    @Test
    void reportsWhetherAnythingChanged() {
        assertFalse(apply(IMAGE, "[]").changed());
        assertFalse(apply(IMAGE, op("replace", "/name", str("ims_demo"))).changed());
        assertFalse(apply(IMAGE, "[{\"op\":\"add\",\"path\":\"/k\",\"value\":\"v\"},{\"op\":\"remove\",\"path\":\"/k\"}]").changed());
        assertTrue(apply(IMAGE, op("replace", "/name", str("x"))).changed());
    }

    @Test
    void anUnchangedStateIsNotHeldToTheFinalRules() {
        Map<String, String> legacy = new HashMap<>(IMAGE);
        legacy.put("__support_xen", "true");
        legacy.put("__support_xen_hana", "true");
        assertFalse(apply(legacy, op("add", "/__support_xen", "true")).changed());
        assertEquals(ImsError.ATTRIBUTE_STATE, refusal(legacy, op("add", "/k", str("v"))).error());
    }
}
