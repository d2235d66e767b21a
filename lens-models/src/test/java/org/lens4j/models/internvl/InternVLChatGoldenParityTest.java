package org.lens4j.models.internvl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.capture.SequenceInfo;
import org.lens4j.core.capture.TokenType;
import org.lens4j.core.checkpoint.Checkpoint;
import org.lens4j.core.checkpoint.SafetensorsCheckpoint;
import org.lens4j.models.LoadOptions;
import org.lens4j.models.testing.GoldenInputs;
import org.lens4j.models.testing.GoldenParity;
import org.lens4j.models.testing.ModuleLists;
import org.lens4j.models.testing.OutputRecorder;

class InternVLChatGoldenParityTest {

    /** Relative L2 bound per module; measured worst 7.4e-7 (vision layer 1 drop_path1, f32 CPU). */
    static final double TOLERANCE = 1e-4;

    @TempDir
    Path temp;

    @Test
    void everyModuleMatchesGolden() {
        Path folder = ChatGoldenFolder.create(ChatGoldenFolder.QWEN2_CASE, temp);
        try (Checkpoint inputFile = SafetensorsCheckpoint.open(folder.resolve("inputs.safetensors"));
                Checkpoint golden = SafetensorsCheckpoint.open(folder.resolve("activations.safetensors"));
                NDManager manager = LensRuntime.newManager();
                HookedModel model = new InternVLChatAdapter().load(folder, LoadOptions.defaults())) {
            OutputRecorder hooks = new OutputRecorder();
            SequenceInfo info = model.forward(GoldenInputs.read(inputFile, manager), hooks);

            GoldenParity.assertMatches(ChatGoldenFolder.QWEN2_CASE, golden,
                    hooks.outputs(), TOLERANCE);
            Set<String> extra = new TreeSet<>(hooks.outputs().keySet());
            extra.removeAll(golden.names());
            assertEquals(Set.of("", "language_model"), extra, "modules reported beyond the golden captures");
            ModuleLists.assertReportedAreRunning(model.modules(), hooks.outputs());
            assertArrayEquals(new int[] {1}, info.imagesPerItem());
        }
    }

    @Test
    void lensCapturesMatchGolden() {
        Path folder = ChatGoldenFolder.create(ChatGoldenFolder.QWEN2_CASE, temp);

        GoldenParity.assertLensMatches(ChatGoldenFolder.QWEN2_CASE, folder, TOLERANCE);
    }
}
