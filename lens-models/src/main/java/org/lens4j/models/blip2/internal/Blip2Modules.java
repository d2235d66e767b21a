package org.lens4j.models.blip2.internal;

import java.util.ArrayList;
import java.util.List;
import org.lens4j.core.module.LayoutAlias;
import org.lens4j.core.module.ModuleInfo;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.core.module.ModuleTrees;

/**
 * The {@code named_modules()} listing of {@code Blip2ForConditionalGeneration} with an OPT
 * language model (transformers 4.47), built from the configuration alone.
 *
 * <p>Kinds: outputs of {@code [images, tokens, width]} (the vision encoder, the Q-Former and
 * {@code language_projection}) are {@link ModuleKind#VISION}; decoder outputs aligned with the
 * language-model sequence are {@link ModuleKind#SEQUENCE}; attention probabilities (the
 * {@code dropout} after each softmax), the 4-D patch convolution, the OPT feed-forward modules
 * (which run on the flattened {@code [batch · seq, width]} sequence) and, when the queries are
 * prepended, {@code embed_tokens} (text positions only) are {@link ModuleKind#OTHER}.
 */
public final class Blip2Modules {

    /**
     * Layout aliases: none. transformers 4.52 moved the LLaVA-style families to
     * {@code model.language_model…} but left BLIP-2's names as they are, so every version spells
     * them the same way.
     */
    public static final List<LayoutAlias> ALIASES = List.of();

    static final String VISION = "vision_model";
    static final String QFORMER = "qformer";
    static final String PROJECTION = "language_projection";
    static final String LANGUAGE_MODEL = "language_model";
    static final String DECODER = "language_model.model.decoder";
    static final String LM_HEAD = "language_model.lm_head";

    private final Blip2Config config;
    private final List<ModuleInfo> modules = new ArrayList<>();

    private Blip2Modules(Blip2Config config) {
        this.config = config;
    }

    /** Lists the modules of a model with this configuration, in {@code named_modules()} order. */
    public static ModuleTree list(Blip2Config config) {
        Blip2Modules builder = new Blip2Modules(config);
        builder.add("", "Blip2ForConditionalGeneration", ModuleKind.SEQUENCE);
        builder.addVision();
        builder.addQFormer();
        builder.add(PROJECTION, "Linear", ModuleKind.VISION);
        builder.addLanguageModel();
        return ModuleTrees.of(builder.modules, ALIASES);
    }

    private void addVision() {
        ModuleKind vision = ModuleKind.VISION;
        add(VISION, "Blip2VisionModel", vision);
        add(VISION + ".embeddings", "Blip2VisionEmbeddings", vision);
        add(VISION + ".embeddings.patch_embedding", "Conv2d", ModuleKind.OTHER);
        add(VISION + ".encoder", "Blip2Encoder", vision);
        add(VISION + ".encoder.layers", "ModuleList", ModuleKind.CONTAINER);
        String activation = config.vision().activation().referenceType();
        for (int i = 0; i < config.vision().layers(); i++) {
            String layer = VISION + ".encoder.layers." + i;
            add(layer, "Blip2EncoderLayer", vision);
            add(layer + ".self_attn", "Blip2Attention", vision);
            add(layer + ".self_attn.dropout", "Dropout", ModuleKind.OTHER);
            add(layer + ".self_attn.qkv", "Linear", vision);
            add(layer + ".self_attn.projection", "Linear", vision);
            add(layer + ".layer_norm1", "LayerNorm", vision);
            add(layer + ".mlp", "Blip2MLP", vision);
            add(layer + ".mlp.activation_fn", activation, vision);
            add(layer + ".mlp.fc1", "Linear", vision);
            add(layer + ".mlp.fc2", "Linear", vision);
            add(layer + ".layer_norm2", "LayerNorm", vision);
        }
        // Runs twice: on every token [images, tokens, width], then on the class token [images, width].
        add(VISION + ".post_layernorm", "LayerNorm", vision);
    }

    private void addQFormer() {
        ModuleKind vision = ModuleKind.VISION;
        add(QFORMER, "Blip2QFormerModel", vision);
        add(QFORMER + ".layernorm", "LayerNorm", vision);
        add(QFORMER + ".dropout", "Dropout", vision);
        add(QFORMER + ".encoder", "Blip2QFormerEncoder", vision);
        add(QFORMER + ".encoder.layer", "ModuleList", ModuleKind.CONTAINER);
        String activation = config.qformer().activation().referenceType();
        for (int i = 0; i < config.qformer().layers(); i++) {
            String layer = QFORMER + ".encoder.layer." + i;
            add(layer, "Blip2QFormerLayer", vision);
            addQFormerAttention(layer + ".attention");
            if (config.qformer().hasCrossAttention(i)) {
                addQFormerAttention(layer + ".crossattention");
            }
            add(layer + ".intermediate_query", "Blip2QFormerIntermediate", vision);
            add(layer + ".intermediate_query.dense", "Linear", vision);
            add(layer + ".intermediate_query.intermediate_act_fn", activation, vision);
            add(layer + ".output_query", "Blip2QFormerOutput", vision);
            add(layer + ".output_query.dense", "Linear", vision);
            add(layer + ".output_query.LayerNorm", "LayerNorm", vision);
            add(layer + ".output_query.dropout", "Dropout", vision);
        }
    }

    private void addQFormerAttention(String name) {
        ModuleKind vision = ModuleKind.VISION;
        add(name, "Blip2QFormerAttention", vision);
        add(name + ".attention", "Blip2QFormerMultiHeadAttention", vision);
        add(name + ".attention.query", "Linear", vision);
        add(name + ".attention.key", "Linear", vision);
        add(name + ".attention.value", "Linear", vision);
        add(name + ".attention.dropout", "Dropout", ModuleKind.OTHER);
        add(name + ".output", "Blip2QFormerSelfOutput", vision);
        add(name + ".output.dense", "Linear", vision);
        add(name + ".output.LayerNorm", "LayerNorm", vision);
        add(name + ".output.dropout", "Dropout", vision);
    }

    private void addLanguageModel() {
        ModuleKind sequence = ModuleKind.SEQUENCE;
        Blip2Config.Opt text = config.text();
        // OPTForCausalLM returns the logits; it calls model.decoder directly, never OPTModel.
        add(LANGUAGE_MODEL, "OPTForCausalLM", sequence);
        add(LANGUAGE_MODEL + ".model", "OPTModel", ModuleKind.NEVER_RUNS);

        add(DECODER, "OPTDecoder", sequence);
        add(DECODER + ".embed_tokens", "Embedding",
                config.imageToken().isPresent() ? sequence : ModuleKind.OTHER);
        add(DECODER + ".embed_positions", "OPTLearnedPositionalEmbedding", sequence);
        if (text.projects()) {
            add(DECODER + ".project_out", "Linear", sequence);
            add(DECODER + ".project_in", "Linear", sequence);
        }
        if (text.finalLayerNorm()) {
            add(DECODER + ".final_layer_norm", "LayerNorm", sequence);
        }

        add(DECODER + ".layers", "ModuleList", ModuleKind.CONTAINER);
        for (int i = 0; i < text.layers(); i++) {
            String layer = DECODER + ".layers." + i;
            add(layer, "OPTDecoderLayer", sequence);
            add(layer + ".self_attn", "OPTAttention", sequence);
            add(layer + ".self_attn.k_proj", "Linear", sequence);
            add(layer + ".self_attn.v_proj", "Linear", sequence);
            add(layer + ".self_attn.q_proj", "Linear", sequence);
            add(layer + ".self_attn.out_proj", "Linear", sequence);
            add(layer + ".activation_fn", text.activation().referenceType(), ModuleKind.OTHER);
            add(layer + ".self_attn_layer_norm", "LayerNorm", sequence);
            add(layer + ".fc1", "Linear", ModuleKind.OTHER);
            add(layer + ".fc2", "Linear", ModuleKind.OTHER);
            add(layer + ".final_layer_norm", "LayerNorm", ModuleKind.OTHER);
        }

        add(LM_HEAD, "Linear", sequence);
    }

    private void add(String name, String type, ModuleKind kind) {
        modules.add(new ModuleInfo(name, type, kind));
    }
}
