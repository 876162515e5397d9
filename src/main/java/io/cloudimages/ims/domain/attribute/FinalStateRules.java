package io.cloudimages.ims.domain.attribute;

import static io.cloudimages.ims.domain.attribute.AttributeCatalogue.MAX_RAM;
import static io.cloudimages.ims.domain.attribute.AttributeCatalogue.MIN_RAM;
import static io.cloudimages.ims.domain.attribute.AttributeCatalogue.SUPPORT_KVM;
import static io.cloudimages.ims.domain.attribute.AttributeCatalogue.SUPPORT_KVM_GPU_TYPE;
import static io.cloudimages.ims.domain.attribute.AttributeCatalogue.SUPPORT_KVM_INFINIBAND;
import static io.cloudimages.ims.domain.attribute.AttributeCatalogue.SUPPORT_XEN;
import static io.cloudimages.ims.domain.attribute.AttributeCatalogue.SUPPORT_XEN_GPU_TYPE;
import static io.cloudimages.ims.domain.attribute.AttributeCatalogue.SUPPORT_XEN_HANA;

import io.cloudimages.ims.domain.ImsError;

import java.util.List;
import java.util.Map;

/** The rules of docs/behaviour.md §2.2 that hold on an image's final state rather than on one value. */
public final class FinalStateRules {

    /** An attribute that, when set as described, cannot stand with the flags listed. */
    private record Exclusion(String attribute, boolean onlyWhenTrue, List<String> excludedFlags) {
    }

    private static final List<Exclusion> EXCLUSIONS = List.of(
            new Exclusion(SUPPORT_XEN_HANA, true, List.of(SUPPORT_XEN, SUPPORT_KVM)),
            new Exclusion(SUPPORT_XEN_GPU_TYPE, false, List.of(SUPPORT_XEN, SUPPORT_KVM)),
            new Exclusion(SUPPORT_KVM_GPU_TYPE, false, List.of(SUPPORT_XEN, SUPPORT_KVM)),
            new Exclusion(SUPPORT_KVM_INFINIBAND, true, List.of(SUPPORT_XEN)));

    private FinalStateRules() {
    }

    public static void check(Map<String, String> attributes) {
        for (Exclusion exclusion : EXCLUSIONS) {
            String value = attributes.get(exclusion.attribute());
            boolean active = exclusion.onlyWhenTrue() ? "true".equals(value) : value != null;
            if (!active) {
                continue;
            }
            for (String flag : exclusion.excludedFlags()) {
                if ("true".equals(attributes.get(flag))) {
                    String subject = exclusion.onlyWhenTrue() ? exclusion.attribute() + "=true" : exclusion.attribute();
                    throw ImsError.ATTRIBUTE_STATE.exception(subject + " cannot be set together with " + flag + "=true");
                }
            }
        }
        String minRam = attributes.get(MIN_RAM);
        String maxRam = attributes.get(MAX_RAM);
        if (minRam != null && maxRam != null && Long.parseLong(maxRam) < Long.parseLong(minRam)) {
            throw ImsError.RAM_SIZE.exception("max_ram (" + maxRam + ") must not be below min_ram (" + minRam + ")");
        }
        long extensions = attributes.keySet().stream().filter(AttributeCatalogue::isExtension).count();
        if (extensions > AttributeCatalogue.MAX_EXTENSION_ATTRIBUTES) {
            throw ImsError.INVALID_REQUEST.exception("an image holds at most " + AttributeCatalogue.MAX_EXTENSION_ATTRIBUTES
                    + " extension attributes; this patch would leave " + extensions);
        }
    }
}
