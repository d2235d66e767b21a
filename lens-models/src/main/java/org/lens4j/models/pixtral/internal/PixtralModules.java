package org.lens4j.models.pixtral.internal;

import java.util.ArrayList;
import java.util.List;
import org.lens4j.core.module.LayoutAlias;
import org.lens4j.core.module.ModuleInfo;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.core.module.ModuleTrees;

/**
 * The {@code named_modules()} listing of Pixtral, built from the configuration alone: the
 * transformers 4.49 {@code LlavaForConditionalGeneration} tree for the Hugging Face layout, the
 * mistral_inference {@code Transformer} tree for the mistral layout.
 *
 * <p>Kinds: the vision side reports one row per patch (VISION), the decoder side one row per
 * position (SEQUENCE); the patch convolution (4-D), the rotary tables and, in the mistral layout,
 * nothing else are OTHER.
 */
public final class PixtralModules {

    /** The name of the transformers ≥ 4.52 layout, as shown in messages. */
    public static final String NEW_LAYOUT = "transformers>=4.52";

    /**
     * Prefix rewrites from the transformers ≥ 4.52 spelling of the Hugging Face layout
     * ({@code model.vision_tower.…}, {@code model.multi_modal_projector.…},
     * {@code model.language_model.…}, {@code lm_head}) to the canonical 4.47–4.51 one.
     */
    public static final List<LayoutAlias> HUGGING_FACE_ALIASES = List.of(
            new LayoutAlias(NEW_LAYOUT, "model.vision_tower.", "vision_tower."),
            new LayoutAlias(NEW_LAYOUT, "model.vision_tower", "vision_tower"),
            new LayoutAlias(NEW_LAYOUT, "model.multi_modal_projector.", "multi_modal_projector."),
            new LayoutAlias(NEW_LAYOUT, "model.multi_modal_projector", "multi_modal_projector"),
            new LayoutAlias(NEW_LAYOUT, "model.language_model.", "language_model.model."),
            new LayoutAlias(NEW_LAYOUT, "model.language_model", "language_model.model"),
            new LayoutAlias(NEW_LAYOUT, "lm_head", "language_model.lm_head"));

    private final PixtralConfig config;
    private final PixtralNames names;
    private final List<ModuleInfo> modules = new ArrayList<>();

    private PixtralModules(PixtralConfig config) {
        this.config = config;
        this.names = PixtralNames.of(config.layout());
    }

    /** Returns the layout aliases of {@code layout}: the ≥ 4.52 spelling, or none for mistral_inference. */
    public static List<LayoutAlias> aliases(PixtralConfig.Layout layout) {
        return layout == PixtralConfig.Layout.HUGGING_FACE ? HUGGING_FACE_ALIASES : List.of();
    }

    /** Lists the modules of a model with this configuration, in {@code named_modules()} order. */
    public static ModuleTree list(PixtralConfig config) {
        PixtralModules builder = new PixtralModules(config);
        if (config.layout() == PixtralConfig.Layout.MISTRAL) {
            builder.addMistral();
        } else {
            builder.addHuggingFace();
        }
        return ModuleTrees.of(builder.modules, aliases(config.layout()));
    }

    private void addHuggingFace() {
        add("", "LlavaForConditionalGeneration", ModuleKind.SEQUENCE);
        ModuleKind vision = ModuleKind.VISION;
        add(names.vision(), "PixtralVisionModel", vision);
        add(names.patchConv(), "Conv2d", ModuleKind.OTHER);
        add(names.lnPre(), "PixtralRMSNorm", vision);
        add(names.visionTransformer(), "PixtralTransformer", vision);
        add(names.visionTransformer() + ".layers", "ModuleList", ModuleKind.CONTAINER);
        for (int i = 0; i < config.vision().layers(); i++) {
            String layer = names.visionLayer(i);
            add(layer, "PixtralAttentionLayer", vision);
            add(layer + ".attention_norm", "PixtralRMSNorm", vision);
            add(layer + ".feed_forward", "PixtralMLP", vision);
            add(layer + ".feed_forward.gate_proj", "Linear", vision);
            add(layer + ".feed_forward.up_proj", "Linear", vision);
            add(layer + ".feed_forward.down_proj", "Linear", vision);
            add(layer + ".feed_forward.act_fn", config.vision().activation().referenceType(), vision);
            add(layer + ".attention", "PixtralAttention", vision);
            add(layer + ".attention.k_proj", "Linear", vision);
            add(layer + ".attention.v_proj", "Linear", vision);
            add(layer + ".attention.q_proj", "Linear", vision);
            add(layer + ".attention.o_proj", "Linear", vision);
            add(layer + ".ffn_norm", "PixtralRMSNorm", vision);
        }
        // Its output is the cosine table [patches, head size].
        add(names.visionRotary(), "PixtralRotaryEmbedding", ModuleKind.OTHER);
        add(names.projector(), "LlavaMultiModalProjector", vision);
        add(names.projectorIn(), "Linear", vision);
        add(names.projectorActivation(), config.projectorActivation().referenceType(), vision);
        add(names.projectorOut(), "Linear", vision);

        ModuleKind sequence = ModuleKind.SEQUENCE;
        add(names.languageModel(), "MistralForCausalLM", sequence);
        add(names.decoder(), "MistralModel", sequence);
        add(names.embedTokens(), "Embedding", sequence);
        add(names.layers().substring(0, names.layers().length() - 1), "ModuleList", ModuleKind.CONTAINER);
        String activation = config.text().activation().referenceType();
        for (int i = 0; i < config.text().layers(); i++) {
            String layer = names.layer(i);
            add(layer, "MistralDecoderLayer", sequence);
            add(layer + ".self_attn", "MistralAttention", sequence);
            add(layer + ".self_attn.q_proj", "Linear", sequence);
            add(layer + ".self_attn.k_proj", "Linear", sequence);
            add(layer + ".self_attn.v_proj", "Linear", sequence);
            add(layer + ".self_attn.o_proj", "Linear", sequence);
            add(layer + ".mlp", "MistralMLP", sequence);
            add(layer + ".mlp.gate_proj", "Linear", sequence);
            add(layer + ".mlp.up_proj", "Linear", sequence);
            add(layer + ".mlp.down_proj", "Linear", sequence);
            add(layer + ".mlp.act_fn", activation, sequence);
            add(layer + ".input_layernorm", "MistralRMSNorm", sequence);
            add(layer + ".post_attention_layernorm", "MistralRMSNorm", sequence);
        }
        add(names.norm(), "MistralRMSNorm", sequence);
        // Its output is the cosine table [batch, seq, head size].
        add(names.textRotary(), "MistralRotaryEmbedding", ModuleKind.OTHER);
        add(names.head(), "Linear", sequence);
    }

    private void addMistral() {
        ModuleKind vision = ModuleKind.VISION;
        ModuleKind sequence = ModuleKind.SEQUENCE;
        add("", "Transformer", sequence);
        add(names.embedTokens(), "Embedding", sequence);
        add(names.vision(), "VisionTransformer", vision);
        add(names.patchConv(), "Conv2d", ModuleKind.OTHER);
        add(names.lnPre(), "RMSNorm", vision);
        add(names.visionTransformer(), "VisionTransformerBlocks", vision);
        add(names.visionTransformer() + ".layers", "ModuleList", ModuleKind.CONTAINER);
        for (int i = 0; i < config.vision().layers(); i++) {
            addMistralBlock(names.visionLayer(i), vision);
        }
        add(names.projector(), "VisionLanguageAdapter", vision);
        add(names.projectorIn(), "Linear", vision);
        add(names.projectorActivation(), "GELU", vision);
        add(names.projectorOut(), "Linear", vision);
        add(names.norm(), "RMSNorm", sequence);
        add(names.head(), "Linear", sequence);
        add("layers", "ModuleDict", ModuleKind.CONTAINER);
        for (int i = 0; i < config.text().layers(); i++) {
            addMistralBlock(names.layer(i), sequence);
        }
    }

    private void addMistralBlock(String block, ModuleKind kind) {
        add(block, "TransformerBlock", kind);
        add(block + ".attention", "Attention", kind);
        add(block + ".attention.wq", "Linear", kind);
        add(block + ".attention.wk", "Linear", kind);
        add(block + ".attention.wv", "Linear", kind);
        add(block + ".attention.wo", "Linear", kind);
        add(block + ".attention_norm", "RMSNorm", kind);
        add(block + ".ffn_norm", "RMSNorm", kind);
        add(block + ".feed_forward", "FeedForward", kind);
        add(block + ".feed_forward.w1", "Linear", kind);
        add(block + ".feed_forward.w2", "Linear", kind);
        add(block + ".feed_forward.w3", "Linear", kind);
    }

    private void add(String name, String type, ModuleKind kind) {
        modules.add(new ModuleInfo(name, type, kind));
    }
}
