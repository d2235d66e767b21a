package org.lens4j.models.pixtral;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.AdapterRegistry;
import org.lens4j.models.ModelConfig;

class PixtralDiscoveryTest {

    @Test
    void llavaWrappedPixtralConfigSelectsPixtralAdapter() {
        ModelConfig config = ModelConfig.read(SharedData.golden("pixtral-single"));

        assertEquals(PixtralAdapter.ID, AdapterRegistry.standard().forConfig(config).id());
    }

    @Test
    void plainLlavaConfigStillSelectsLlavaAdapter() {
        ModelConfig config = ModelConfig.read(SharedData.golden("llava-single"));

        assertEquals("llava", AdapterRegistry.standard().forConfig(config).id());
    }
}
