package org.lens4j.models.qwen2vl;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.lens4j.core.LensRuntime;

/** Describes the machine a benchmark runs on, for the printed report. */
final class BenchmarkMachine {

    private static final Path LOAD_AVERAGE = Path.of("/proc/loadavg");
    private static final Path MEMORY_INFO = Path.of("/proc/meminfo");

    private BenchmarkMachine() {
    }

    /**
     * Returns the processors, memory, JDK, engine version and the engine's thread counts as
     * Markdown list lines. Starts the engine.
     */
    static String describe() {
        Engine engine = LensRuntime.engine();
        return String.format(Locale.ROOT, "- processors available to the JVM: %d%n- memory: %s%n- JDK: %s %s (%s)%n"
                + "- engine: %s %s, %d intra-op and %d inter-op threads (OMP_NUM_THREADS %s)%n",
                Runtime.getRuntime().availableProcessors(), totalMemory(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), System.getProperty("os.arch"), engine.getEngineName(),
                engine.getVersion(), JniUtils.getNumThreads(), JniUtils.getNumInteropThreads(),
                System.getenv().getOrDefault("OMP_NUM_THREADS", "not set"));
    }

    /**
     * Runs {@code body} with {@code threads} intra-op engine threads, then restores the previous
     * count, and returns its result.
     */
    static <T> T withIntraOpThreads(int threads, Supplier<T> body) {
        int previous = JniUtils.getNumThreads();
        JniUtils.setNumThreads(threads);
        try {
            return body.get();
        } finally {
            JniUtils.setNumThreads(previous);
        }
    }

    /** Returns the 1, 5 and 15 minute load averages from {@code /proc/loadavg}, or "unknown". */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(LOAD_AVERAGE).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String totalMemory() {
        try {
            List<String> lines = Files.readAllLines(MEMORY_INFO);
            return lines.stream().filter(line -> line.startsWith("MemTotal:")).findFirst()
                    .map(line -> line.replaceAll("\\s+", " ").replace("MemTotal: ", "")).orElse("unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
