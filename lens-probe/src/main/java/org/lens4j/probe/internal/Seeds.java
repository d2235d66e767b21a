package org.lens4j.probe.internal;

/**
 * Derivation of independent child seeds from a run's seed, run index and purpose, so a result's
 * {@code (seed, runIndex)} replays every random step of its run.
 *
 * <p>{@code child = mix(mix(seed + γ · (runIndex + 1)) + γ · purpose)} with the SplitMix64
 * finaliser {@code mix} and its increment {@code γ = 0x9E3779B97F4A7C15} (Steele, Lea &amp; Flood,
 * "Fast splittable pseudorandom number generators", OOPSLA 2014).
 */
public final class Seeds {

    /** Purpose of the seed that drives probe training (initialisation, batches, dropout, validation split). */
    public static final int TRAINING = 1;

    /** Purpose of the seed that drives control labels. */
    public static final int CONTROL = 2;

    /** Purpose of the seed that drives grid-search folds. */
    public static final int GRID_SEARCH = 3;

    private static final long GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** Returns the child seed of {@code seed} for run {@code runIndex} and {@code purpose}. */
    public static long derive(long seed, int runIndex, int purpose) {
        return mix(mix(seed + GAMMA * (runIndex + 1L)) + GAMMA * purpose);
    }

    /** Mixes the bits of {@code z} with the SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
