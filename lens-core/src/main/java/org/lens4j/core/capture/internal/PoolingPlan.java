package org.lens4j.core.capture.internal;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lens4j.core.capture.CaptureRequest;
import org.lens4j.core.module.ModuleInfo;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.core.pool.Pooling;
import org.lens4j.core.pool.PoolingSpec;
import org.lens4j.core.pool.TokenSubset;

/** Assigns each selected module its pooling and checks that the pooling applies to its kind. */
public final class PoolingPlan {

    private PoolingPlan() {
    }

    /**
     * Returns the pooling of each selected module: the last override whose pattern matches it, or
     * the request's default.
     *
     * @throws IllegalArgumentException when an override pattern matches no module, or a pooling does
     *     not apply to the kind of a module it is assigned to
     */
    public static Map<String, PoolingSpec> assign(ModuleTree tree, CaptureRequest request,
            Map<String, ModuleInfo> selected) {
        Map<String, PoolingSpec> out = new LinkedHashMap<>();
        for (String module : selected.keySet()) {
            out.put(module, request.pooling());
        }
        // Later overrides win, so apply them in the order they were added.
        for (Map.Entry<String, PoolingSpec> override : request.overrides().entrySet()) {
            Set<String> matched = new HashSet<>(tree.select(List.of(override.getKey())));
            for (String module : selected.keySet()) {
                if (matched.contains(module)) {
                    out.put(module, override.getValue());
                }
            }
        }

        for (Map.Entry<String, PoolingSpec> entry : out.entrySet()) {
            check(selected.get(entry.getKey()), entry.getValue());
        }
        return out;
    }

    private static void check(ModuleInfo module, PoolingSpec spec) {
        if (spec.pooling() == Pooling.NONE) {
            return;
        }
        if (module.kind() == ModuleKind.OTHER) {
            throw new IllegalArgumentException("pooling " + spec + " does not apply to module '" + module.name()
                    + "' (" + module.type() + "), whose output is neither a token sequence nor image patches;"
                    + " give it pooling none with a per-module override");
        }
        if (module.kind() == ModuleKind.VISION && spec.subset() == TokenSubset.TEXT) {
            throw new IllegalArgumentException("token subset text does not apply to vision module '"
                    + module.name() + "', whose rows are all image patches; give it subset all or image with"
                    + " a per-module override");
        }
    }
}
