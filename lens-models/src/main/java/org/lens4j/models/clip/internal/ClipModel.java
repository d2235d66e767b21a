package org.lens4j.models.clip.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Set;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.capture.SequenceInfo;
import org.lens4j.core.capture.TokenType;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.internal.ManagedModel;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.clip.ClipConfig;
import org.lens4j.models.vit.ClipVisionTransformer;
import org.lens4j.models.vit.internal.InputReader;

/**
 * {@code CLIPModel}: both towers, their projections, and the image–text logits.
 *
 * <pre>
 * n images   b texts   t tokens   E projection width
 * </pre>
 *
 * @implNote Image {@code i} is paired with text {@code i}, so the numbers of images and texts must
 *     be equal; transformers also accepts unequal counts and scores every pair.
 */
public final class ClipModel extends ManagedModel {

    /** The family id. */
    public static final String FAMILY = "clip";

    private final ClipConfig config;
    private final ClipTextTransformer textModel;
    private final ClipVisionTransformer visionModel;
    private final Linear visualProjection;
    private final Linear textProjection;
    private final float logitScale;

    private ClipModel(String modelId, ModuleTree modules, NDManager manager, ClipConfig config, Parts parts) {
        super(FAMILY, modelId, modules, manager);
        this.config = config;
        this.textModel = parts.textModel;
        this.visionModel = parts.visionModel;
        this.visualProjection = parts.visualProjection;
        this.textProjection = parts.textProjection;
        this.logitScale = parts.logitScale;
    }

    /** Lists the modules of a {@code CLIPModel} in {@code named_modules()} order. */
    public static ModuleListing list(ClipConfig config) {
        ModuleListing out = new ModuleListing();
        out.add("", "CLIPModel", ModuleKind.OTHER);
        ClipTextTransformer.list(out, "text_model", config.text());
        ClipVisionTransformer.list(out, "vision_model", config.vision());
        out.add("visual_projection", "Linear", ModuleKind.OTHER);
        out.add("text_projection", "Linear", ModuleKind.OTHER);
        return out;
    }

    /**
     * Builds the model from {@code weights}, taking ownership of {@code manager} (which must be the
     * loader's manager) even when loading fails.
     */
    public static ClipModel load(String modelId, ModuleTree modules, NDManager manager, WeightLoader weights,
            ClipConfig config) {
        try {
            Parts parts = new Parts();
            parts.textModel = ClipTextTransformer.load(weights, "text_model", config.text());
            parts.visionModel = ClipVisionTransformer.load(weights, "vision_model", config.vision());
            parts.visualProjection = weights.loadLinear("visual_projection",
                    config.vision().hiddenSize(), config.projectionDim(), false);
            parts.textProjection = weights.loadLinear("text_projection",
                    config.text().hiddenSize(), config.projectionDim(), false);
            // 2.6592 = ln(1 / 0.07), CLIPConfig's logit_scale_init_value.
            parts.logitScale = weights.loadScalar("logit_scale", 2.6592f);
            return new ClipModel(modelId, modules, manager, config, parts);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Runs both towers: {@code input_ids [b, t]}, optional {@code attention_mask [b, t]} and
     * {@code pixel_values [n, 3, S, S]} with {@code n = b}.
     */
    @Override
    public SequenceInfo forward(ModelInputs inputs, ForwardHooks hooks) {
        ensureOpen();
        long[][] ids = InputReader.tokenIds(inputs, config.text().vocabSize());
        long[][] mask = InputReader.attentionMask(inputs, ids);
        NDArray pixels = inputs.require(ModelInputs.PIXEL_VALUES);
        checkCounts(ids, pixels.getShape());

        try (NDManager scope = newForwardScope()) {
            pixels.tempAttach(scope);
            hooks.onInput("", inputs.require(ModelInputs.INPUT_IDS));
            NDArray pooledImages = visionModel.forward(pixels, scope, hooks, Set.of()).pooled(); // [n, D_v]
            NDArray pooledTexts = textModel.forward(ids, mask, scope, hooks); // [b, D_t]
            NDArray imageEmbeds = visualProjection.forward(pooledImages, hooks); // [n, E]
            NDArray textEmbeds = textProjection.forward(pooledTexts, hooks); // [b, E]
            if (hooks.isHooked("")) {
                hooks.onOutput("", logitsPerImage(imageEmbeds, textEmbeds)); // [n, b]
            }
        }
        return sequenceInfo(ids, mask);
    }

    private NDArray logitsPerImage(NDArray imageEmbeds, NDArray textEmbeds) {
        NDArray images = imageEmbeds.div(imageEmbeds.norm(new int[] {-1}, true)); // [n, E]
        NDArray texts = textEmbeds.div(textEmbeds.norm(new int[] {-1}, true)); // [b, E]
        return images.matMul(texts.transpose()).mul((float) Math.exp(logitScale)); // [n, b]
    }

    private void checkCounts(long[][] ids, Shape pixelShape) {
        if (ids[0].length > config.text().maxPositionEmbeddings()) {
            throw new IllegalArgumentException("input_ids has " + ids[0].length
                    + " tokens but CLIP's text tower takes at most max_position_embeddings = "
                    + config.text().maxPositionEmbeddings() + "; truncate the text");
        }
        if (pixelShape.dimension() != 4 || pixelShape.get(0) != ids.length) {
            throw new IllegalArgumentException("pixel_values has shape " + Arrays.toString(pixelShape.getShape())
                    + " but CLIP pairs one image with each of the " + ids.length
                    + " texts: expected [" + ids.length + ", channels, height, width]");
        }
    }

    private SequenceInfo sequenceInfo(long[][] ids, long[][] mask) {
        TokenType[][] types = new TokenType[ids.length][];
        int[] imagesPerItem = new int[ids.length];
        for (int row = 0; row < ids.length; row++) {
            types[row] = new TokenType[ids[row].length];
            for (int col = 0; col < ids[row].length; col++) {
                long id = ids[row][col];
                boolean special = mask[row][col] == 0 || id == config.text().bosTokenId()
                        || id == config.text().effectiveEosTokenId();
                types[row][col] = special ? TokenType.SPECIAL : TokenType.TEXT;
            }
            imagesPerItem[row] = 1;
        }
        return new SequenceInfo(mask, types, SequenceInfo.ImageRows.NONE, imagesPerItem);
    }

    private static final class Parts {
        ClipTextTransformer textModel;
        ClipVisionTransformer visionModel;
        Linear visualProjection;
        Linear textProjection;
        float logitScale;
    }
}
