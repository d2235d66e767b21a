package org.lens4j.examples.fabric;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The synthetic defects the generator paints. */
public enum DefectKind {
    /** A dark, roughly elliptical hole with a frayed rim. */
    HOLE,
    /** A soft-edged colour stain. */
    STAIN,
    /** A missing warp or weft thread: a thin line across part of the image. */
    BROKEN_THREAD,
    /** A knot or slub: a short, thick, bright lump along a thread. */
    KNOT,
    /** A dark, glossy oil spot. */
    OIL_SPOT,
    /** A patch of the same fabric cut out, rotated and pasted elsewhere. */
    PATCH;

    /** Returns the lower-case name used in manifests and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a name such as {@code broken_thread}, case-insensitively.
     *
     * @throws IllegalArgumentException naming the value and the allowed names
     */
    public static DefectKind parse(String text) {
        for (DefectKind kind : values()) {
            if (kind.id().equalsIgnoreCase(text.trim())) {
                return kind;
            }
        }
        String allowed = Arrays.stream(values()).map(DefectKind::id).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("unknown defect kind '" + text + "'; allowed: " + allowed);
    }
}
