package org.lens4j.models.qwen2vl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;
import java.util.Objects;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.capture.SequenceInfo;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.models.blocks.WeightSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded Qwen2-VL or Qwen2.5-VL model: the vision tower, the decoder and the module tree.
 *
 * <p>A forward pass keeps no state between calls: positions are computed from each call's inputs
 * (transformers 4.47–4.51 reuses {@code rope_deltas} from an earlier call, which this class does
 * not copy). Intermediates live in a child manager of the model's manager that is closed before
 * {@link #forward} returns.
 *
 * @implNote Video inputs ({@code pixel_values_videos}) are not supported. Only the modules the
 *     hooks listen on, and what they depend on, are computed: {@code lm_head} runs only when it
 *     (or the root) is hooked, and the decoder stops after the last hooked layer.
 */
public final class QwenVLModel implements HookedModel {

    private static final Logger LOG = LoggerFactory.getLogger(QwenVLModel.class);

    /** Input name of the image grids, int64 {@code [images, 3]}. */
    public static final String IMAGE_GRID_THW = "image_grid_thw";

    private final QwenVLConfig config;
    private final ModuleTree modules;
    private final String modelId;
    private final NDManager manager;
    private final VisionTower vision;
    private final TextDecoder decoder;
    private final RopeIndex ropeIndex;
    private PositionSource positionSource;
    private boolean closed;

    /**
     * Positions of the decoder sequence for one call, {@code [3][B][L]}.
     *
     * <p>The default computes them with {@link RopeIndex}; tests replace it to reproduce a
     * reference run that used other positions.
     */
    @FunctionalInterface
    interface PositionSource {
        long[][][] positions(long[][] ids, long[][] mask, RopeIndex.Result computed);
    }

    /**
     * Builds the model and loads every parameter from {@code weights} into {@code manager}, which
     * the model then owns and closes.
     */
    public QwenVLModel(QwenVLConfig config, WeightSource weights, NDManager manager) {
        this.config = Objects.requireNonNull(config, "config");
        this.manager = Objects.requireNonNull(manager, "manager");
        this.modules = QwenVLModules.list(config);
        this.modelId = weights.description();
        try {
            this.vision = new VisionTower(weights, manager, config);
            this.decoder = new TextDecoder(weights, manager, config.text());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        this.ropeIndex = new RopeIndex(config);
        this.positionSource = (ids, mask, computed) -> computed.positions();
    }

    /** Returns the parsed configuration. */
    public QwenVLConfig config() {
        return config;
    }

    @Override
    public String familyId() {
        ensureOpen();
        return config.variant().modelType();
    }

    @Override
    public String modelId() {
        ensureOpen();
        return modelId;
    }

    @Override
    public ModuleTree modules() {
        ensureOpen();
        return modules;
    }

    /**
     * Returns the manager that owns the weights; closing the model closes it. Exposed so tests can
     * check that native memory is released, not for callers to allocate in.
     */
    public NDManager manager() {
        return manager;
    }

    /** Replaces how decoder positions are chosen; for tests that reproduce a reference quirk. */
    void setPositionSource(PositionSource source) {
        this.positionSource = Objects.requireNonNull(source, "source");
    }

    @Override
    public SequenceInfo forward(ModelInputs inputs, ForwardHooks hooks) {
        ensureOpen();
        QwenVLInputs parsed = QwenVLInputs.parse(inputs, config);
        RunPlan plan = RunPlan.of(hooks, modules, config.vision().depth(), decoder.layerCount());
        RopeIndex.Result rope = ropeIndex.compute(parsed.ids(), parsed.mask(), parsed.geometry());
        LOG.debug("forward: batch {}, length {}, images {}, plan {}", parsed.ids().length, parsed.length(),
                parsed.imageCount(), plan);

        try (NDManager scope = manager.newSubManager()) {
            NDArray ids = parsed.idsArray(scope);
            hooks.onInput("", ids);
            NDArray embeds = plan.runsDecoder() ? decoder.embed(ids, hooks) : null;
            NDArray features = null;
            if (parsed.geometry() != null && plan.runsVision()) {
                NDArray pixels = parsed.pixels(scope);
                features = vision.forward(pixels, parsed.geometry(), plan, hooks);
            }
            if (plan.runsDecoder()) {
                NDArray merged = features == null ? embeds : scatterImages(embeds, features, parsed);
                long[][][] positions = positionSource.positions(parsed.ids(), parsed.mask(), rope);
                NDArray last = decoder.forward(merged, positions, parsed.mask(), plan, hooks);
                if (plan.runsHead()) {
                    hooks.onOutput("", last);
                }
            }
        }
        return QwenVLSequences.describe(parsed, rope, config);
    }

    /** Places the image features at the image-token positions, in row-major order. */
    private NDArray scatterImages(NDArray embeds, NDArray features, QwenVLInputs parsed) {
        long batch = embeds.getShape().get(0);
        long length = embeds.getShape().get(1);
        long hidden = embeds.getShape().get(2);
        long[] index = new long[Math.toIntExact(batch * length)];
        long imageToken = config.tokens().image();
        long next = batch * length;
        long[][] ids = parsed.ids();
        for (int b = 0; b < batch; b++) {
            for (int l = 0; l < length; l++) {
                int flat = Math.toIntExact(b * length + l);
                index[flat] = ids[b][l] == imageToken ? next++ : flat;
            }
        }
        long imageTokens = next - batch * length;
        if (imageTokens != features.getShape().get(0)) {
            throw new IllegalArgumentException("image features and image tokens do not match: input_ids contain "
                    + imageTokens + " image tokens (id " + imageToken + ") but the images give "
                    + features.getShape().get(0) + " features");
        }
        NDArray table = embeds.reshape(batch * length, hidden).concat(features, 0);
        NDArray gathered = table.get(new NDIndex("{}", embeds.getManager().create(index)));
        return gathered.reshape(batch, length, hidden);
    }

    /** Returns how many arrays the model's own manager contains; a forward pass must leave it unchanged. */
    int managedArrayCount() {
        ensureOpen();
        return manager.getManagedArrays().size();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("model " + modelId + " is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }

    /** Returns the modules whose rows are merged tokens, for {@link SequenceInfo.ImageRows}. */
    static List<String> mergedModules() {
        return List.of("visual", "visual.merger", "visual.merger.mlp", "visual.merger.mlp.0", "visual.merger.mlp.1",
                "visual.merger.mlp.2");
    }
}
