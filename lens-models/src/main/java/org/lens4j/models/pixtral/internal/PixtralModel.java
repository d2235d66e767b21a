package org.lens4j.models.pixtral.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;
import java.util.Objects;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.capture.SequenceInfo;
import org.lens4j.models.blocks.Activation;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.WeightSource;
import org.lens4j.models.blocks.internal.ManagedModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded Pixtral model in either layout: vision encoder → projector → Mistral decoder, with the
 * projected patch features written over the {@code [IMG]} tokens in order.
 *
 * <p>A forward pass keeps no state; its intermediates live in a child manager closed before
 * {@link #forward} returns.
 *
 * @implNote Shapes follow each layout's reference code: in the Hugging Face layout every tensor has
 *     a batch dimension and the vision side is one sequence {@code [1, all patches, width]}; in the
 *     mistral layout the vision side is packed {@code [all patches, width]}, as mistral_inference
 *     runs it. Both layouts report the decoder as {@code [batch, seq, width]}, where
 *     mistral_inference packs the batch into {@code [tokens, width]}, and {@code tok_embeddings}
 *     reports every position (mistral_inference embeds the text positions only). With several
 *     images in the Hugging Face layout the vision outputs pool as one image, because the reference
 *     shape has no per-image axis.
 */
public final class PixtralModel extends ManagedModel {

    private static final Logger LOG = LoggerFactory.getLogger(PixtralModel.class);

    /** The family id. */
    public static final String FAMILY = "pixtral";

    private final PixtralConfig config;
    private final PixtralNames names;
    private final PixtralVision vision;
    private final Linear projectorIn;
    private final Activation projectorActivation;
    private final Linear projectorOut;
    private final MistralDecoder decoder;

    /**
     * Builds the model and loads every parameter from {@code weights} into {@code manager}, which
     * the model then owns and closes.
     */
    public PixtralModel(PixtralConfig config, WeightSource weights, NDManager manager) {
        super(FAMILY, weights.description(), PixtralModules.list(Objects.requireNonNull(config, "config")),
                Objects.requireNonNull(manager, "manager"));
        this.config = config;
        this.names = PixtralNames.of(config.layout());
        try {
            this.vision = new PixtralVision(weights, manager, config);
            long features = (long) config.vision().hidden() * config.featureLayers().length;
            this.projectorIn = Linear.load(weights, manager, names.projectorIn(), features, config.text().hidden(),
                    config.projectorBias());
            this.projectorActivation = config.projectorActivation();
            this.projectorOut = Linear.load(weights, manager, names.projectorOut(), config.text().hidden(),
                    config.text().hidden(), config.projectorBias());
            this.decoder = new MistralDecoder(weights, manager, config);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Returns the parsed configuration. */
    public PixtralConfig config() {
        return config;
    }

    @Override
    public SequenceInfo forward(ModelInputs inputs, ForwardHooks hooks) {
        ensureOpen();
        PixtralInputs parsed = PixtralInputs.parse(inputs, config);
        PixtralPlan plan = PixtralPlan.of(hooks, modules(), names);
        if (parsed.pixels() != null && plan.runsDecoder()) {
            PixtralSequences.checkImageTokens(parsed, config);
        }
        LOG.debug("forward: batch {}, images {}, plan {}", parsed.ids().length, parsed.imageCount(), plan);

        Reporter direct = Reporter.direct(hooks);
        Reporter visionReporter = config.layout() == PixtralConfig.Layout.MISTRAL ? Reporter.packed(hooks) : direct;
        try (NDManager scope = newForwardScope()) {
            NDArray ids = scope.create(parsed.ids());
            hooks.onInput("", ids);
            NDArray embeds = plan.runsDecoder() ? decoder.embed(ids, direct) : null;
            NDArray features = null;
            if (parsed.pixels() != null && plan.runsVision()) {
                NDArray pixels = parsed.pixels().duplicate();
                pixels.attach(scope);
                List<NDArray> states = vision.forward(pixels, parsed.patchGrid(), visionReporter);
                if (plan.runsProjector()) {
                    features = project(select(states), visionReporter);
                }
            }
            if (plan.runsDecoder()) {
                NDArray merged = features == null ? embeds : scatter(embeds, features, parsed);
                NDArray out = decoder.forward(merged, parsed.mask(), plan.runsHead(), direct);
                if (plan.runsHead()) {
                    hooks.onOutput("", out);
                }
            }
        }
        return PixtralSequences.describe(parsed, config);
    }

    /** Picks the configured hidden states and joins them along the width: {@code [1, N, width·k]}. */
    private NDArray select(List<NDArray> states) {
        NDList chosen = new NDList();
        for (int layer : config.featureLayers()) {
            chosen.add(states.get(layer < 0 ? states.size() + layer : layer));
        }
        NDArray joined = chosen.size() == 1 ? chosen.get(0) : NDArrays.concat(chosen, -1);
        return config.dropFirstFeature() ? joined.get(":, 1:, :") : joined;
    }

    /** Runs the two-layer projector: {@code [1, N, vision width]} → {@code [1, N, text width]}. */
    private NDArray project(NDArray features, Reporter reporter) {
        return reporter.call(names.projector(), features, x -> {
            NDArray hidden = reporter.call(names.projectorIn(), x, projectorIn::apply);
            NDArray activated = reporter.call(names.projectorActivation(), hidden, projectorActivation::apply);
            return reporter.call(names.projectorOut(), activated, projectorOut::apply);
        });
    }

    /** Writes the features over the {@code [IMG]} positions in row-major order. */
    private NDArray scatter(NDArray embeds, NDArray features, PixtralInputs inputs) {
        long batch = embeds.getShape().get(0);
        long length = embeds.getShape().get(1);
        long width = embeds.getShape().get(2);
        long[] index = new long[Math.toIntExact(batch * length)];
        long next = batch * length;
        long[][] ids = inputs.ids();
        for (int b = 0; b < batch; b++) {
            for (int l = 0; l < length; l++) {
                int flat = Math.toIntExact(b * length + l);
                index[flat] = ids[b][l] == config.imageToken() ? next++ : flat;
            }
        }
        NDArray table = embeds.reshape(batch * length, width).concat(features.reshape(-1, width), 0);
        return table.get(new NDIndex("{}", embeds.getManager().create(index))).reshape(batch, length, width);
    }
}
