package org.lens4j.models.qwen2vl;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs benchmark variants in interleaved rounds: every variant once per round, in an order that
 * starts one variant further on each round, so that a change in machine load hits all variants
 * alike. Records the wall-clock time and the CPU time of the calling thread of every run.
 *
 * <p>With one intra-op engine thread, the engine runs every operation on the calling thread, so its
 * CPU time is the whole work of a run and is hardly affected by other processes waiting for the
 * same cores. With more engine threads it leaves out the work of the other threads.
 */
final class InterleavedRounds {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private InterleavedRounds() {
    }

    /**
     * Runs {@code warmUp} unrecorded rounds, then {@code rounds} recorded ones.
     *
     * @throws IllegalStateException when the JVM cannot measure the CPU time of a thread
     */
    static Measured measure(List<Variant> variants, int rounds, int warmUp) {
        if (!THREADS.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time; run the benchmark on HotSpot");
        }
        RoundTimings wall = new RoundTimings();
        RoundTimings cpu = new RoundTimings();
        for (Variant variant : variants) {
            wall.addVariant(variant.name(), variant.addedWork());
            cpu.addVariant(variant.name(), variant.addedWork());
        }
        for (int round = -warmUp; round < rounds; round++) {
            for (int k = 0; k < variants.size(); k++) {
                Variant variant = variants.get(Math.floorMod(round + k, variants.size()));
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                variant.body().get();
                long end = System.nanoTime();
                long cpuEnd = THREADS.getCurrentThreadCpuTime();
                if (round >= 0) {
                    wall.record(variant.name(), (end - start) / 1e9);
                    cpu.record(variant.name(), (cpuEnd - cpuStart) / 1e9);
                }
            }
        }
        return new Measured(wall, cpu);
    }

    /**
     * One timed variant.
     *
     * @param name the row label
     * @param addedWork whether the body does only the work that capture adds to a forward pass
     * @param body the work of one round; its result is dropped after the clock stops
     */
    record Variant(String name, boolean addedWork, Supplier<?> body) {
    }

    /** The wall-clock and calling-thread CPU times of the same runs. */
    record Measured(RoundTimings wall, RoundTimings cpu) {
    }
}
