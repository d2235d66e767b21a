package org.lens4j.core.capture;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lens4j.core.pool.Pooling;
import org.lens4j.core.pool.PoolingSpec;
import org.lens4j.core.pool.TokenSubset;

/**
 * What to capture: module patterns, output or input, and how to pool each module.
 *
 * <p>Immutable; each {@code with…} method returns a changed copy. The patterns follow
 * {@link org.lens4j.core.module.ModulePattern}. A module is pooled with the default spec unless a
 * per-module override matches it. When several overrides match, the one added last wins, so add
 * general patterns before specific ones.
 *
 * <pre>{@code
 * CaptureRequest request = CaptureRequest.of("visual.blocks.31.norm2", "model.layers.*.post_attention_layernorm")
 *         .withPooling(Pooling.MEAN, TokenSubset.IMAGE)
 *         .withPooling("visual.**", PoolingSpec.of(Pooling.MEAN));
 * }</pre>
 */
public final class CaptureRequest {

    private final List<String> patterns;
    private final CaptureTarget target;
    private final PoolingSpec pooling;
    private final Map<String, PoolingSpec> overrides;

    private CaptureRequest(List<String> patterns, CaptureTarget target, PoolingSpec pooling,
            Map<String, PoolingSpec> overrides) {
        this.patterns = patterns;
        this.target = target;
        this.pooling = pooling;
        this.overrides = overrides;
    }

    /**
     * Returns a request for the outputs of the modules matching {@code patterns}, without pooling.
     *
     * @throws IllegalArgumentException when no pattern is given or one is null or blank
     */
    public static CaptureRequest of(String... patterns) {
        return of(Arrays.asList(patterns));
    }

    /** Returns a request for the outputs of the modules matching {@code patterns}, without pooling. */
    public static CaptureRequest of(List<String> patterns) {
        Objects.requireNonNull(patterns, "patterns");
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("no module pattern given; name at least one module, for"
                    + " example 'model.layers.0' or 'model.layers.*.mlp'");
        }
        for (String pattern : patterns) {
            if (pattern == null || pattern.isBlank()) {
                throw new IllegalArgumentException("module patterns must not be null or blank, got " + patterns);
            }
        }
        return new CaptureRequest(List.copyOf(patterns), CaptureTarget.OUTPUT, PoolingSpec.NONE, Map.of());
    }

    /** Returns a copy that captures {@code target} (output or input). */
    public CaptureRequest withTarget(CaptureTarget target) {
        return new CaptureRequest(patterns, Objects.requireNonNull(target, "target"), pooling, overrides);
    }

    /** Returns a copy that pools every module with {@code spec} unless an override matches. */
    public CaptureRequest withPooling(PoolingSpec spec) {
        return new CaptureRequest(patterns, target, Objects.requireNonNull(spec, "spec"), overrides);
    }

    /** Returns a copy that pools every module with {@code pooling} over {@code subset}. */
    public CaptureRequest withPooling(Pooling pooling, TokenSubset subset) {
        return withPooling(PoolingSpec.of(pooling, subset));
    }

    /**
     * Returns a copy that pools the modules matching {@code pattern} with {@code spec}. The pattern
     * must match at least one module of the model when the request is run.
     */
    public CaptureRequest withPooling(String pattern, PoolingSpec spec) {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(spec, "spec");
        Map<String, PoolingSpec> copy = new LinkedHashMap<>(overrides);
        copy.remove(pattern);
        copy.put(pattern, spec);
        return new CaptureRequest(patterns, target, pooling, Collections.unmodifiableMap(copy));
    }

    /** Returns a copy with every override of {@code byPattern} added, in the map's iteration order. */
    public CaptureRequest withPoolings(Map<String, PoolingSpec> byPattern) {
        CaptureRequest out = this;
        for (Map.Entry<String, PoolingSpec> entry : byPattern.entrySet()) {
            out = out.withPooling(entry.getKey(), entry.getValue());
        }
        return out;
    }

    /** Returns the module patterns. */
    public List<String> patterns() {
        return patterns;
    }

    /** Returns whether outputs or inputs are captured. */
    public CaptureTarget target() {
        return target;
    }

    /** Returns the pooling of modules that no override matches. */
    public PoolingSpec pooling() {
        return pooling;
    }

    /** Returns the per-module overrides by pattern, in the order they were added. */
    public Map<String, PoolingSpec> overrides() {
        return overrides;
    }

    @Override
    public String toString() {
        return "CaptureRequest" + patterns + " " + target.name().toLowerCase(java.util.Locale.ROOT)
                + ", pooling " + pooling + (overrides.isEmpty() ? "" : ", overrides " + overrides);
    }
}
