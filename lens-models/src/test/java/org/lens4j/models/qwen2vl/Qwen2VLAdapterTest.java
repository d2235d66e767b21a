package org.lens4j.models.qwen2vl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.LoadOptions;
import org.lens4j.models.ModelAdapter;
import org.lens4j.models.ModelConfig;

class Qwen2VLAdapterTest {

    @Test
    void serviceLoaderFindsBothAdapters() {
        List<String> ids = ServiceLoader.load(ModelAdapter.class).stream().map(p -> p.get().id()).toList();

        assertTrue(ids.contains("qwen2_vl"), ids.toString());
        assertTrue(ids.contains("qwen2_5_vl"), ids.toString());
    }

    @Test
    void adaptersAcceptOnlyTheirVariant() {
        ModelConfig qwen2 = ModelConfig.read(SharedData.golden("qwen2_vl-single"));
        ModelConfig qwen25 = ModelConfig.read(SharedData.golden("qwen2_5_vl-single"));

        assertTrue(new Qwen2VLAdapter().accepts(qwen2));
        assertFalse(new Qwen2VLAdapter().accepts(qwen25));
        assertTrue(new Qwen25VLAdapter().accepts(qwen25));
        assertFalse(new Qwen25VLAdapter().accepts(qwen2));
    }

    @Test
    void loadOfOtherVariantNamesBothTypes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Qwen2VLAdapter().load(SharedData.golden("qwen2_5_vl-single"), LoadOptions.defaults()));

        assertTrue(e.getMessage().contains("'qwen2_5_vl'"), e.getMessage());
        assertTrue(e.getMessage().contains("'qwen2_vl'"), e.getMessage());
    }

    @Test
    void loadReportsFamilyAndFolder() {
        try (HookedModel model = new Qwen2VLAdapter().load(SharedData.golden("qwen2_vl-single"), LoadOptions.defaults())) {
            assertEquals("qwen2_vl", model.familyId());
            assertEquals("qwen2_vl-single", model.modelId());
        }
    }

    @Test
    void randomSeedOptionSkipsWeights() {
        try (HookedModel model = new Qwen25VLAdapter().load(SharedData.golden("qwen2_5_vl-single"),
                new LoadOptions(11L))) {
            assertEquals("random weights, seed 11", model.modelId());
        }
    }
}
