package org.lens4j.models.clip;

import org.lens4j.models.ModelConfig;
import org.lens4j.models.vit.ClipVisionConfig;

/**
 * A {@code CLIPConfig}: both towers and the shared projection width.
 *
 * @param text the text tower
 * @param vision the vision tower
 * @param projectionDim width of {@code visual_projection} and {@code text_projection}
 */
public record ClipConfig(ClipTextConfig text, ClipVisionConfig vision, int projectionDim) {

    /** Reads {@code config.json} of a {@code CLIPModel}; absent keys take transformers' defaults. */
    public static ClipConfig from(ModelConfig config) {
        return new ClipConfig(
                ClipTextConfig.from(config.section("text_config")),
                ClipVisionConfig.from(config.section("vision_config")),
                config.getInt("projection_dim", 512));
    }
}
