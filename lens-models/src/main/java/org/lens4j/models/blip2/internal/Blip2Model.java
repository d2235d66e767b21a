package org.lens4j.models.blip2.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.Objects;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.capture.SequenceInfo;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.WeightSource;
import org.lens4j.models.blocks.internal.ManagedModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded BLIP-2 model with an OPT language model: vision encoder → Q-Former →
 * {@code language_projection} → OPT.
 *
 * <p>The projected queries enter the language model in one of two ways, as in transformers 4.47.
 * When the config has no {@code image_token_index} they are prepended to the text embeddings and
 * the attention mask grows by one column of ones per query, so the decoder sequence is
 * {@code queries + text}. When it has one, {@code input_ids} carry that many placeholders, which
 * the queries replace in order.
 *
 * <p>A forward pass keeps no state; its intermediates live in a child manager closed before
 * {@link #forward} returns.
 *
 * @implNote Only what the hooks need runs: the Q-Former and projection when a module there or in
 *     the language model is hooked, the language model when one of its modules (or the root) is,
 *     and {@code lm_head} only when it, {@code language_model} or the root is.
 */
public final class Blip2Model extends ManagedModel {

    private static final Logger LOG = LoggerFactory.getLogger(Blip2Model.class);

    /** The family id. */
    public static final String FAMILY = "blip2";

    private final Blip2Config config;
    private final VisionEncoder vision;
    private final QFormer qformer;
    private final Linear projection;
    private final OptDecoder decoder;

    /**
     * Builds the model and loads every parameter from {@code weights} into {@code manager}, which
     * the model then owns and closes.
     */
    public Blip2Model(Blip2Config config, WeightSource weights, NDManager manager) {
        super(FAMILY, weights.description(), Blip2Modules.list(Objects.requireNonNull(config, "config")),
                Objects.requireNonNull(manager, "manager"));
        this.config = config;
        try {
            this.vision = new VisionEncoder(weights, manager, config.vision());
            this.qformer = new QFormer(weights, manager, config);
            this.projection = Linear.load(weights, manager, Blip2Modules.PROJECTION, config.qformer().hidden(),
                    config.text().hidden(), true);
            this.decoder = new OptDecoder(weights, manager, config.text());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Returns the parsed configuration. */
    public Blip2Config config() {
        return config;
    }

    @Override
    public SequenceInfo forward(ModelInputs inputs, ForwardHooks hooks) {
        ensureOpen();
        Blip2Inputs parsed = Blip2Inputs.parse(inputs, config);
        Blip2Sequences.Layout layout = Blip2Sequences.layout(parsed, config);
        Plan plan = Plan.of(hooks, modules());
        LOG.debug("forward: batch {}, text length {}, plan {}", parsed.batch(), parsed.ids()[0].length, plan);

        try (NDManager scope = newForwardScope()) {
            NDArray pixels = parsed.pixels().duplicate();
            pixels.attach(scope);
            hooks.onInput("", pixels);
            NDArray imageFeatures = vision.forward(pixels, hooks);
            if (plan.runsQFormer()) {
                NDArray queries = projection.forward(qformer.forward(imageFeatures, hooks), hooks);
                if (plan.runsLanguageModel()) {
                    NDArray text = decoder.embed(scope.create(parsed.ids()), hooks);
                    NDArray embeds = merge(queries, text, parsed, layout);
                    NDArray out = decoder.forward(embeds, layout.mask(), plan.runsHead(), hooks);
                    if (plan.runsHead()) {
                        hooks.onOutput("", out);
                    }
                }
            }
        }
        return Blip2Sequences.describe(layout);
    }

    /** Prepends the queries to the text, or writes them over the image placeholders in order. */
    private NDArray merge(NDArray queries, NDArray text, Blip2Inputs inputs, Blip2Sequences.Layout layout) {
        if (config.imageToken().isEmpty()) {
            return queries.concat(text, 1);
        }
        long batch = text.getShape().get(0);
        long length = text.getShape().get(1);
        long width = text.getShape().get(2);
        long[] index = new long[Math.toIntExact(batch * length)];
        long next = batch * length;
        for (int b = 0; b < batch; b++) {
            for (int l = 0; l < length; l++) {
                int flat = Math.toIntExact(b * length + l);
                index[flat] = layout.isQuery(b, l) ? next++ : flat;
            }
        }
        NDArray table = text.reshape(batch * length, width).concat(queries.reshape(-1, width), 0);
        return table.get(new NDIndex("{}", text.getManager().create(index))).reshape(batch, length, width);
    }


    /**
     * The stages one forward pass runs; the vision encoder always runs.
     *
     * @param runsQFormer whether the Q-Former and the projection run
     * @param runsLanguageModel whether the OPT decoder runs
     * @param runsHead whether {@code lm_head} runs (its logits are large, so only when hooked)
     */
    private record Plan(boolean runsQFormer, boolean runsLanguageModel, boolean runsHead) {

        static Plan of(ForwardHooks hooks, ModuleTree tree) {
            boolean qformer = false;
            boolean languageModel = false;
            boolean head = false;
            for (String name : tree.names()) {
                if (!hooks.isHooked(name)) {
                    continue;
                }
                if (name.isEmpty() || name.equals(Blip2Modules.LANGUAGE_MODEL) || name.equals(Blip2Modules.LM_HEAD)) {
                    head = true;
                } else if (name.startsWith(Blip2Modules.LANGUAGE_MODEL + ".")) {
                    languageModel = true;
                } else if (name.startsWith(Blip2Modules.QFORMER) || name.equals(Blip2Modules.PROJECTION)) {
                    qformer = true;
                }
            }
            languageModel |= head;
            return new Plan(qformer || languageModel, languageModel, head);
        }
    }
}
