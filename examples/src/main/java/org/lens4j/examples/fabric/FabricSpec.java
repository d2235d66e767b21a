package org.lens4j.examples.fabric;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Settings of a generated fabric dataset, immutable; derive variants with the {@code with…} methods.
 *
 * <pre>{@code
 * FabricSpec spec = FabricSpec.withDefaults().withPairs(20).withSeed(3);
 * }</pre>
 *
 * @param pairs number of (normal, defective) pairs; the dataset contains {@code 2 × pairs} images
 * @param imageSize side of each square image in pixels
 * @param seed seed of every random choice
 * @param kinds defect kinds drawn uniformly
 * @param minDefectSize smallest defect extent, as a fraction of the image side
 * @param maxDefectSize largest defect extent, as a fraction of the image side
 * @param minContrast weakest defect contrast in [0, 1]
 * @param maxContrast strongest defect contrast in [0, 1]
 */
public record FabricSpec(int pairs, int imageSize, long seed, Set<DefectKind> kinds, double minDefectSize,
        double maxDefectSize, double minContrast, double maxContrast) {

    /** Validates every setting, naming the bad value. */
    public FabricSpec {
        if (pairs < 1) {
            throw new IllegalArgumentException("pairs must be at least 1, got " + pairs);
        }
        if (imageSize < 32) {
            throw new IllegalArgumentException("imageSize must be at least 32 pixels, got " + imageSize);
        }
        if (kinds == null || kinds.isEmpty()) {
            throw new IllegalArgumentException("at least one defect kind is required");
        }
        kinds = Set.copyOf(EnumSet.copyOf(kinds));
        checkRange("defect size", minDefectSize, maxDefectSize, 0.01, 0.5);
        checkRange("contrast", minContrast, maxContrast, 0.0, 1.0);
    }

    /** Returns the study's settings: 250 pairs of 224-pixel images, every defect kind, seed 7. */
    public static FabricSpec withDefaults() {
        return new FabricSpec(250, 224, 7L, EnumSet.allOf(DefectKind.class), 0.08, 0.25, 0.5, 1.0);
    }

    /** Returns a copy with another number of pairs. */
    public FabricSpec withPairs(int value) {
        return new FabricSpec(value, imageSize, seed, kinds, minDefectSize, maxDefectSize, minContrast, maxContrast);
    }

    /** Returns a copy with another image side. */
    public FabricSpec withImageSize(int value) {
        return new FabricSpec(pairs, value, seed, kinds, minDefectSize, maxDefectSize, minContrast, maxContrast);
    }

    /** Returns a copy with another seed. */
    public FabricSpec withSeed(long value) {
        return new FabricSpec(pairs, imageSize, value, kinds, minDefectSize, maxDefectSize, minContrast, maxContrast);
    }

    /** Returns a copy with other defect kinds. */
    public FabricSpec withKinds(Set<DefectKind> value) {
        return new FabricSpec(pairs, imageSize, seed, value, minDefectSize, maxDefectSize, minContrast, maxContrast);
    }

    /** Returns a copy with another defect size range (fractions of the image side). */
    public FabricSpec withDefectSize(double min, double max) {
        return new FabricSpec(pairs, imageSize, seed, kinds, min, max, minContrast, maxContrast);
    }

    /** Returns a copy with another contrast range in [0, 1]. */
    public FabricSpec withContrast(double min, double max) {
        return new FabricSpec(pairs, imageSize, seed, kinds, minDefectSize, maxDefectSize, min, max);
    }

    /** Returns the defect kinds in declaration order. */
    public List<DefectKind> orderedKinds() {
        return List.copyOf(EnumSet.copyOf(kinds));
    }

    private static void checkRange(String what, double min, double max, double lower, double upper) {
        if (!(min >= lower && max <= upper && min <= max)) {
            throw new IllegalArgumentException(what + " range [" + min + ", " + max + "] must satisfy "
                    + lower + " <= min <= max <= " + upper);
        }
    }
}
