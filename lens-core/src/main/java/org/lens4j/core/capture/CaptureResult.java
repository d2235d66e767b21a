package org.lens4j.core.capture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.lens4j.core.module.LayoutAlias;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The captures of one forward pass, by module and call index, with the model and library that
 * produced them.
 *
 * <p>Modules can be looked up by their canonical name or by their spelling in another layout the
 * model accepts (for example {@code model.visual.blocks.31.norm2} for {@code visual.blocks.31.norm2}).
 *
 * <pre>{@code
 * INDArray x = result.get("visual.blocks.31.norm2");          // the only call
 * INDArray second = result.get("vision_model.post_layernorm", 1); // a module called twice
 * }</pre>
 */
public final class CaptureResult {

    private final Map<String, List<Capture>> byModule;
    private final List<String> notCalled;
    private final List<LayoutAlias> aliases;
    private final String modelId;
    private final String familyId;
    private final String libraryVersion;

    /**
     * Creates a result.
     *
     * @param captures the captures in order: by module, then by call index
     * @param notCalled modules that were selected but not called in the forward pass
     * @param aliases the layout aliases of the model, used to look modules up by another spelling
     * @param modelId the loaded weights, as {@link HookedModel#modelId()} describes them
     * @param familyId the family id, for example {@code "qwen2_vl"}
     * @param libraryVersion the Lens4J version
     */
    public CaptureResult(List<Capture> captures, List<String> notCalled, List<LayoutAlias> aliases,
            String modelId, String familyId, String libraryVersion) {
        Map<String, List<Capture>> grouped = new LinkedHashMap<>();
        for (Capture capture : captures) {
            grouped.computeIfAbsent(capture.module(), key -> new ArrayList<>()).add(capture);
        }
        grouped.replaceAll((module, list) -> List.copyOf(list));
        this.byModule = Collections.unmodifiableMap(grouped);
        this.notCalled = List.copyOf(notCalled);
        this.aliases = List.copyOf(aliases);
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.familyId = Objects.requireNonNull(familyId, "familyId");
        this.libraryVersion = Objects.requireNonNull(libraryVersion, "libraryVersion");
    }

    /** Returns every capture: by module in tree order, then by call index. */
    public List<Capture> captures() {
        List<Capture> out = new ArrayList<>();
        byModule.values().forEach(out::addAll);
        return out;
    }

    /** Returns the canonical names of the modules that were captured, in tree order. */
    public Set<String> modules() {
        return byModule.keySet();
    }

    /**
     * Returns the modules that were selected but not called in this forward pass, for example vision
     * modules on a text-only input.
     */
    public List<String> notCalled() {
        return notCalled;
    }

    /**
     * Returns every call of {@code module}, by call index.
     *
     * @throws IllegalArgumentException when the module was not captured, listing the captured ones
     */
    public List<Capture> calls(String module) {
        return byModule.get(resolve(module));
    }

    /**
     * Returns the capture of a module that was called once.
     *
     * @throws IllegalArgumentException when the module was not captured or was called several times
     */
    public Capture capture(String module) {
        List<Capture> calls = calls(module);
        if (calls.size() != 1) {
            throw new IllegalArgumentException("module '" + module + "' was called " + calls.size()
                    + " times in this forward pass; pick one with capture(module, callIndex), 0 to "
                    + (calls.size() - 1));
        }
        return calls.get(0);
    }

    /**
     * Returns the capture of {@code module} at {@code callIndex}.
     *
     * @throws IllegalArgumentException when the module was not captured or has no such call
     */
    public Capture capture(String module, int callIndex) {
        List<Capture> calls = calls(module);
        if (callIndex < 0 || callIndex >= calls.size()) {
            throw new IllegalArgumentException("module '" + module + "' has no call " + callIndex
                    + "; it was called " + calls.size() + " times in this forward pass");
        }
        return calls.get(callIndex);
    }

    /** Returns the data of a module that was called once; see {@link #capture(String)}. */
    public INDArray get(String module) {
        return capture(module).data();
    }

    /** Returns the data of {@code module} at {@code callIndex}; see {@link #capture(String, int)}. */
    public INDArray get(String module, int callIndex) {
        return capture(module, callIndex).data();
    }

    /** Returns the description of the loaded weights. */
    public String modelId() {
        return modelId;
    }

    /** Returns the family id. */
    public String familyId() {
        return familyId;
    }

    /** Returns the Lens4J version that produced the captures. */
    public String libraryVersion() {
        return libraryVersion;
    }

    private String resolve(String module) {
        Objects.requireNonNull(module, "module");
        if (byModule.containsKey(module)) {
            return module;
        }
        Optional<String> canonical = toCanonical(module);
        if (canonical.isPresent() && byModule.containsKey(canonical.get())) {
            return canonical.get();
        }
        String name = canonical.orElse(module);
        if (notCalled.contains(name)) {
            throw new IllegalArgumentException("module '" + module + "' was selected but not called in this"
                    + " forward pass; a vision module is not called on a text-only input");
        }
        throw new IllegalArgumentException("module '" + module + "' was not captured; captured modules: "
                + summary(byModule.keySet()));
    }

    /** Rewrites a name through the alias with the longest matching prefix. */
    private Optional<String> toCanonical(String name) {
        Optional<String> best = Optional.empty();
        int bestLength = -1;
        for (LayoutAlias alias : aliases) {
            Optional<String> rewritten = alias.toCanonical(name);
            if (rewritten.isPresent() && alias.aliasPrefix().length() > bestLength) {
                best = rewritten;
                bestLength = alias.aliasPrefix().length();
            }
        }
        return best;
    }

    private static String summary(Set<String> names) {
        int limit = 10;
        List<String> list = new ArrayList<>(names);
        if (list.size() <= limit) {
            return list.toString();
        }
        return list.subList(0, limit) + " and " + (list.size() - limit) + " more";
    }

    @Override
    public String toString() {
        return "CaptureResult[" + modelId + " (" + familyId + "), " + byModule.size() + " modules, "
                + captures().size() + " captures]";
    }
}
