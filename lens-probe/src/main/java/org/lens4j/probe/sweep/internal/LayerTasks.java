package org.lens4j.probe.sweep.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.lens4j.probe.sweep.LayerKey;
import org.lens4j.probe.sweep.LayerResult;

/** Evaluates the layers of a sweep on a few threads and returns the results in layer order. */
public final class LayerTasks {

    private LayerTasks() {
    }

    /**
     * Runs {@code task} for every index of {@code layers} on at most {@code parallelism} threads.
     *
     * @throws RuntimeException the first failure in layer order, as thrown by the task
     * @throws IllegalStateException if the calling thread is interrupted (its flag is restored)
     */
    public static List<LayerResult> run(List<LayerKey> layers, int parallelism,
            IntFunction<LayerResult> task) {
        int threads = Math.min(parallelism, layers.size());
        List<LayerResult> results = new ArrayList<>(layers.size());
        if (threads <= 1) {
            for (int i = 0; i < layers.size(); i++) {
                results.add(task.apply(i));
            }
            return results;
        }

        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "lens-sweep-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<LayerResult>> futures = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> task.apply(index)));
            }
            for (int i = 0; i < futures.size(); i++) {
                results.add(await(futures.get(i), layers.get(i)));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static LayerResult await(Future<LayerResult> future, LayerKey layer) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating layer " + layer, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("evaluating layer " + layer + " failed", e.getCause());
        }
    }
}
