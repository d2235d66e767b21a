package org.lens4j.models.internvl;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.blocks.internal.ManagedModel;
import org.lens4j.models.testing.AdapterContractTest;
import org.lens4j.models.testing.GoldenInputs;

class InternVLChatContractTest extends AdapterContractTest {

    @TempDir
    static Path temp;

    private static Path folder;

    @BeforeAll
    static void createFolder() {
        folder = ChatGoldenFolder.create(ChatGoldenFolder.QWEN2_CASE, temp);
    }

    @Override
    protected Optional<Path> modelFolder() {
        return Optional.of(folder);
    }

    @Override
    protected ModelInputs inputs(NDManager manager) {
        return GoldenInputs.read(folder, manager);
    }

    @Override
    protected Map<String, long[]> expectedShapes(ModelInputs inputs) {
        InternVLChatConfig config = InternVLChatConfig.from(ModelConfig.read(folder));
        long batch = inputs.require(ModelInputs.INPUT_IDS).getShape().get(0);
        long sequence = inputs.require(ModelInputs.INPUT_IDS).getShape().get(1);
        long tiles = inputs.require(ModelInputs.PIXEL_VALUES).getShape().get(0);
        long tokens = config.vision().numPatches() + 1L;
        long text = config.text().hiddenSize();
        return Map.of(
                "vision_model.encoder.layers.1",
                new long[] {tiles, tokens, config.vision().hiddenSize()},
                "vision_model.encoder.layers.0.attn.attn_drop",
                new long[] {tiles, config.vision().numHeads(), tokens, tokens},
                "mlp1", new long[] {tiles, config.tokensPerTile(), text},
                "language_model.model.layers.1.post_attention_layernorm", new long[] {batch, sequence, text},
                "language_model.lm_head", new long[] {batch, sequence, config.text().vocabSize()});
    }

    @Override
    protected NDManager weightsManager(HookedModel model) {
        return ((ManagedModel) model).manager();
    }
}
