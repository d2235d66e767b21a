package org.lens4j.models.qwen2vl;

import ai.djl.ndarray.NDArray;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.lens4j.core.capture.ForwardHooks;

/**
 * Hooks that time the modules of a forward pass, from the moment each reports its input to the
 * moment it reports its output, and add the times up by kind of module.
 *
 * <p>Both the wall-clock time and the CPU time of the calling thread are kept. The PyTorch engine
 * has finished each operation when the call returns, so the readings at the hook calls bound the
 * work of the module. The CPU time covers all of that work only with one intra-op engine thread
 * (see {@link InterleavedRounds}). Which modules run is decided by the wrapped hooks; this class only
 * listens.
 */
final class PhaseTimer implements ForwardHooks {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /**
     * Module kinds, by a pattern on the name with the block or layer index replaced by {@code N}.
     * A kind with a comma in its name is a part of the kind before it; the others do not overlap.
     */
    private static final Map<String, Pattern> KINDS = kinds();
    private static final Pattern INDEX = Pattern.compile("\\.\\d+(?=\\.|$)");

    private final ForwardHooks plan;
    private final Map<String, long[]> started = new HashMap<>();
    private final Map<String, Optional<String>> kindByModule = new HashMap<>();
    private final Map<String, long[]> nanosByKind = new LinkedHashMap<>();
    private int forwards;

    /** Listens on every module; {@code plan} decides which modules are hooked. */
    PhaseTimer(ForwardHooks plan) {
        this.plan = plan;
        reset();
    }

    /** Forgets every time and count so far, for example after warm-up passes. */
    void reset() {
        started.clear();
        KINDS.keySet().forEach(kind -> nanosByKind.put(kind, new long[2]));
        forwards = 0;
    }

    /** Counts one more timed forward pass, for the per-pass averages. */
    void countForward() {
        forwards++;
    }

    @Override
    public boolean isHooked(String module) {
        return plan.isHooked(module);
    }

    @Override
    public void onInput(String module, NDArray input) {
        started.put(module, new long[] {System.nanoTime(), THREADS.getCurrentThreadCpuTime()});
    }

    @Override
    public void onOutput(String module, NDArray output) {
        long wall = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long[] start = started.remove(module);
        if (start == null) {
            return;
        }
        kindByModule.computeIfAbsent(module, PhaseTimer::kindOf).ifPresent(kind -> {
            long[] total = nanosByKind.get(kind);
            total[0] += wall - start[0];
            total[1] += cpu - start[1];
        });
    }

    /**
     * Returns a Markdown table of the milliseconds per forward pass spent in each module kind, and
     * the rest of the forward pass outside the top-level kinds (input checks, positions, masks,
     * rotary tables, placing the image features).
     *
     * @param wallMillis the mean wall-clock time of the timed forward passes
     * @param cpuMillis their mean CPU time
     */
    String markdownTable(double wallMillis, double cpuMillis) {
        StringBuilder out = new StringBuilder();
        out.append("| part | wall ms per forward | share | CPU ms per forward | share |\n|---|---:|---:|---:|---:|\n");
        double[] topLevel = new double[2];
        for (Map.Entry<String, long[]> entry : nanosByKind.entrySet()) {
            double wall = entry.getValue()[0] / 1e6 / Math.max(1, forwards);
            double cpu = entry.getValue()[1] / 1e6 / Math.max(1, forwards);
            if (!entry.getKey().contains(",")) {
                topLevel[0] += wall;
                topLevel[1] += cpu;
            }
            out.append(row(entry.getKey(), wall, wallMillis, cpu, cpuMillis));
        }
        out.append(row("rest of the forward pass", wallMillis - topLevel[0], wallMillis, cpuMillis - topLevel[1],
                cpuMillis));
        return out.toString();
    }

    private static String row(String part, double wall, double wallTotal, double cpu, double cpuTotal) {
        return String.format(Locale.ROOT, "| %s | %.1f | %.1f %% | %.1f | %.1f %% |%n", part, wall,
                100 * wall / wallTotal, cpu, 100 * cpu / cpuTotal);
    }

    private static Optional<String> kindOf(String module) {
        String general = INDEX.matcher(module).replaceAll(".N");
        for (Map.Entry<String, Pattern> kind : KINDS.entrySet()) {
            if (kind.getValue().matcher(general).matches()) {
                return Optional.of(kind.getKey());
            }
        }
        return Optional.empty();
    }

    private static Map<String, Pattern> kinds() {
        Map<String, Pattern> kinds = new LinkedHashMap<>();
        kinds.put("vision patch embedding", Pattern.compile("visual\\.patch_embed"));
        kinds.put("vision blocks", Pattern.compile("visual\\.blocks\\.N"));
        kinds.put("vision blocks, attention", Pattern.compile("visual\\.blocks\\.N\\.attn"));
        kinds.put("vision blocks, MLP", Pattern.compile("visual\\.blocks\\.N\\.mlp"));
        kinds.put("vision merger", Pattern.compile("visual\\.merger"));
        kinds.put("token embedding", Pattern.compile("model\\.embed_tokens"));
        kinds.put("decoder layers", Pattern.compile("model\\.layers\\.N"));
        kinds.put("decoder layers, attention", Pattern.compile("model\\.layers\\.N\\.self_attn"));
        kinds.put("decoder layers, MLP", Pattern.compile("model\\.layers\\.N\\.mlp"));
        return kinds;
    }
}
