package org.lens4j.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded random parameters: normal matrices with a fixed standard deviation, zero biases and
 * unit norm weights, the way transformers initialises a fresh model.
 *
 * <p>Each parameter gets its own random stream derived from the seed and the parameter name, so
 * the values of a parameter do not depend on the order in which a model loads them. Values are
 * generated in Java ({@link SplittableRandom#nextGaussian()}), not by the engine.
 */
public final class RandomWeights implements WeightSource {

    /** The standard deviation transformers uses for Qwen2, Llama and most families (0.02). */
    public static final double DEFAULT_STD = 0.02;

    private final long seed;
    private final double std;

    /**
     * Creates a source.
     *
     * @param seed the seed every parameter stream derives from
     * @param std the standard deviation of {@link WeightInit#NORMAL} values; positive and finite
     * @throws IllegalArgumentException when {@code std} is not positive and finite
     */
    public RandomWeights(long seed, double std) {
        if (!(std > 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("std must be positive and finite, got " + std);
        }
        this.seed = seed;
        this.std = std;
    }

    /** Creates a source with {@link #DEFAULT_STD}. */
    public static RandomWeights withSeed(long seed) {
        return new RandomWeights(seed, DEFAULT_STD);
    }

    /** Returns the seed. */
    public long seed() {
        return seed;
    }

    @Override
    public NDArray load(NDManager manager, String name, Shape shape, WeightInit init) {
        float[] values = new float[Math.toIntExact(shape.size())];
        switch (init) {
            case ZEROS -> {
            }
            case ONES -> Arrays.fill(values, 1f);
            case NORMAL -> fillNormal(values, streamFor(name));
        }
        return manager.create(values, shape);
    }

    @Override
    public boolean contains(String name) {
        return true;
    }

    @Override
    public String description() {
        return "random weights, seed " + seed;
    }

    private SplittableRandom streamFor(String name) {
        long mixed = seed * 0x9E3779B97F4A7C15L + name.hashCode();
        return new SplittableRandom(mixed).split();
    }

    private void fillNormal(float[] values, SplittableRandom random) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
    }
}
