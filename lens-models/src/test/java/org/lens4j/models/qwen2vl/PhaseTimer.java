package org.lens4j.models.qwen2vl;

import ai.djl.ndarray.NDArray;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lens4j.core.capture.ForwardHooks;

/**
 * Hooks that time the modules of a forward pass from the moment each reports its input to the
 * moment it reports its output, and add the times up by kind of module.
 *
 * <p>The PyTorch engine runs each operation on the CPU before the call returns, so the clock
 * readings at the hook calls bound the work of the module. Which modules run is decided by the
 * wrapped hooks; this class only listens.
 */
final class PhaseTimer implements ForwardHooks {

    /**
     * Module kinds, by a pattern on the name with the block or layer index removed. A kind with a
     * comma in its name is a part of the kind before it; the others do not overlap.
     */
    private static final Map<String, Pattern> KINDS = kinds();
    private static final Pattern INDEX = Pattern.compile("\\.\\d+(?=\\.|$)");

    private final ForwardHooks plan;
    private final Map<String, Long> started = new HashMap<>();
    private final Map<String, Long> nanosByKind = new LinkedHashMap<>();
    private long forwards;

    /** Listens on every module; {@code plan} decides which modules are hooked. */
    PhaseTimer(ForwardHooks plan) {
        this.plan = plan;
        KINDS.keySet().forEach(kind -> nanosByKind.put(kind, 0L));
    }

    /** Forgets every time and count so far, for example after warm-up passes. */
    void reset() {
        started.clear();
        nanosByKind.replaceAll((kind, nanos) -> 0L);
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
        started.put(module, System.nanoTime());
    }

    @Override
    public void onOutput(String module, NDArray output) {
        long now = System.nanoTime();
        Long start = started.remove(module);
        if (start == null) {
            return;
        }
        String kind = kindOf(module);
        if (kind != null) {
            nanosByKind.merge(kind, now - start, Long::sum);
        }
    }

    /**
     * Returns the milliseconds per forward pass spent in each module kind as Markdown table rows,
     * and the rest of {@code forwardMillis} outside the top-level kinds (input checks, positions,
     * masks, rotary tables, placing the image features).
     */
    String markdownRows(double forwardMillis) {
        StringBuilder out = new StringBuilder();
        out.append("| part | ms per forward | share |\n|---|---:|---:|\n");
        double topLevel = 0;
        for (Map.Entry<String, Long> entry : nanosByKind.entrySet()) {
            double millis = entry.getValue() / 1e6 / Math.max(1, forwards);
            if (!entry.getKey().contains(",")) {
                topLevel += millis;
            }
            out.append(row(entry.getKey(), millis, forwardMillis));
        }
        out.append(row("rest of the forward pass", forwardMillis - topLevel, forwardMillis));
        return out.toString();
    }

    private static String row(String part, double millis, double forwardMillis) {
        return String.format(Locale.ROOT, "| %s | %.2f | %.1f %% |%n", part, millis, 100 * millis / forwardMillis);
    }

    private static String kindOf(String module) {
        Matcher matcher = INDEX.matcher(module);
        String general = matcher.replaceAll(".N");
        for (Map.Entry<String, Pattern> kind : KINDS.entrySet()) {
            if (kind.getValue().matcher(general).matches()) {
                return kind.getKey();
            }
        }
        return null;
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
