package org.lens4j.probe.sweep.internal;

/**
 * Child seeds of a sweep seed, one per purpose, so that every random step of a sweep replays from
 * its seed and run index. Every layer uses the same child seeds: one split, one set of folds, one
 * shuffled control and one set of permutations, so layers differ only in their features.
 *
 * <p>{@code child = mix(mix(seed + γ (runIndex + 1)) + γ (purpose + 100))} with the SplitMix64
 * finaliser {@code mix} and {@code γ = 0x9E3779B97F4A7C15} (G. L. Steele, D. Lea and C. H. Flood,
 * "Fast splittable pseudorandom number generators", OOPSLA 2014).
 */
public enum SweepSeeds {
    /** Train/test split, when the caller gives no splitter. */
    SPLIT,
    /** Cross-validation folds inside the training part. */
    FOLDS,
    /** Label permutations of the permutation test. */
    PERMUTATIONS,
    /** Bootstrap resamples of the selectivity interval. */
    BOOTSTRAP,
    /** Shuffled training labels of the kernel-logistic control in cross-validation. */
    SELECTION_CONTROL;

    private static final long GAMMA = 0x9E3779B97F4A7C15L;

    /** Returns the child seed of {@code seed} and {@code runIndex} for this purpose. */
    public long derive(long seed, int runIndex) {
        return mix(mix(seed + GAMMA * (runIndex + 1L)) + GAMMA * (ordinal() + 100L));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
