package org.lens4j.models.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.checkpoint.Checkpoint;
import org.lens4j.core.checkpoint.SafetensorsCheckpoint;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.LoadOptions;
import org.lens4j.models.testing.GoldenInputs;
import org.lens4j.models.testing.GoldenParity;
import org.lens4j.models.testing.ModuleLists;
import org.lens4j.models.testing.OutputRecorder;

class ClipGoldenParityTest {

    /** Relative L2 bound per module; measured worst 1.5e-6 (visual_projection, f32 CPU). */
    static final double TOLERANCE = 1e-4;

    @Test
    void everyModuleMatchesGolden() {
        Path folder = SharedData.golden("clip-single");
        try (Checkpoint inputFile = SafetensorsCheckpoint.open(folder.resolve("inputs.safetensors"));
                Checkpoint golden = SafetensorsCheckpoint.open(folder.resolve("activations.safetensors"));
                NDManager manager = LensRuntime.newManager();
                HookedModel model = new ClipAdapter().load(folder, LoadOptions.defaults())) {
            OutputRecorder hooks = new OutputRecorder();
            model.forward(GoldenInputs.read(inputFile, manager), hooks);

            GoldenParity.assertMatches("clip-single", golden, hooks.outputs(), TOLERANCE);
            Set<String> extra = new TreeSet<>(hooks.outputs().keySet());
            extra.removeAll(golden.names());
            assertEquals(Set.of(""), extra, "modules reported beyond the golden captures");
            ModuleLists.assertReportedAreRunning(model.modules(), hooks.outputs());
        }
    }

    @Test
    void lensCapturesMatchGolden() {
        GoldenParity.assertLensMatches("clip-single", SharedData.golden("clip-single"), TOLERANCE);
    }
}
