package org.lens4j.models.qwen2vl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.capture.SequenceInfo;
import org.lens4j.core.module.ModuleTree;

/**
 * A model that replays the outputs one real forward pass gave for a few modules, without computing
 * anything. A capture session on it does all of its own work (hooks, copies, pooling, the copy
 * into ND4J) on tensors of the real shapes. Its run time is therefore the capture work alone,
 * free of the noise of the forward pass.
 *
 * <p>Owns copies of the recorded outputs; the recorded model is not owned.
 */
final class ReplayModel implements HookedModel {

    private final HookedModel recorded;
    private final NDManager manager = LensRuntime.newManager();
    private final Map<String, NDArray> outputs = new LinkedHashMap<>();
    private SequenceInfo info;
    private boolean closed;

    private ReplayModel(HookedModel recorded) {
        this.recorded = recorded;
    }

    /** Runs {@code model} once on {@code inputs} and records the outputs of {@code modules}. */
    static ReplayModel record(HookedModel model, ModelInputs inputs, Set<String> modules) {
        ReplayModel replay = new ReplayModel(model);
        replay.info = model.forward(inputs, new ForwardHooks() {
            @Override
            public boolean isHooked(String module) {
                return modules.contains(module);
            }

            @Override
            public void onInput(String module, NDArray input) {
                // Only outputs are replayed.
            }

            @Override
            public void onOutput(String module, NDArray output) {
                if (modules.contains(module)) {
                    NDArray copy = output.duplicate();
                    copy.attach(replay.manager);
                    replay.outputs.put(module, copy);
                }
            }
        });
        return replay;
    }

    @Override
    public String familyId() {
        return recorded.familyId();
    }

    @Override
    public String modelId() {
        return "replay of " + recorded.modelId();
    }

    @Override
    public ModuleTree modules() {
        return recorded.modules();
    }

    /** Reports the recorded outputs to {@code hooks} in their recorded order; ignores {@code inputs}. */
    @Override
    public SequenceInfo forward(ModelInputs inputs, ForwardHooks hooks) {
        Objects.requireNonNull(hooks, "hooks");
        if (closed) {
            throw new IllegalStateException("replay model is closed");
        }
        outputs.forEach(hooks::onOutput);
        return info;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }
}
