package org.lens4j.models.llama;

import java.util.Locale;
import org.lens4j.models.ModelConfig;

/**
 * The {@code rope_scaling} setting of a decoder config.
 *
 * @param type {@code "default"}, {@code "linear"} or {@code "llama3"}
 * @param factor the scaling factor (1 for default)
 * @param lowFreqFactor llama3 only: wavelengths above {@code original / lowFreqFactor} are scaled fully
 * @param highFreqFactor llama3 only: wavelengths below {@code original / highFreqFactor} are kept
 * @param originalMaxPositionEmbeddings llama3 only: the pre-training context length
 */
public record RopeScaling(
        String type, double factor, double lowFreqFactor, double highFreqFactor, int originalMaxPositionEmbeddings) {

    /** No scaling. */
    public static final RopeScaling NONE = new RopeScaling("default", 1.0, 1.0, 1.0, 0);

    /**
     * Reads {@code rope_scaling} from a decoder config section.
     *
     * @throws IllegalArgumentException for a type other than default, linear and llama3
     */
    public static RopeScaling from(ModelConfig section) {
        if (!section.has("rope_scaling")) {
            return NONE;
        }
        ModelConfig scaling = section.section("rope_scaling");
        String type = scaling.getString("rope_type", scaling.getString("type", "default")).toLowerCase(Locale.ROOT);
        switch (type) {
            case "default":
                return NONE;
            case "linear":
                return new RopeScaling(type, scaling.getDouble("factor", 1.0), 1.0, 1.0, 0);
            case "llama3":
                return new RopeScaling(type, scaling.getDouble("factor", 8.0), scaling.getDouble("low_freq_factor", 1.0),
                        scaling.getDouble("high_freq_factor", 4.0),
                        scaling.getInt("original_max_position_embeddings", 8192));
            default:
                throw new IllegalArgumentException("unsupported rope_scaling type '" + type
                        + "'; supported: default, linear, llama3");
        }
    }

    /**
     * Applies the scaling to the default inverse frequencies, as transformers' rope initialisation
     * functions do (the attention factor of these three types is 1).
     */
    public float[] scale(float[] inverseFrequencies) {
        float[] out = inverseFrequencies.clone();
        if ("linear".equals(type)) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (out[i] / factor);
            }
        } else if ("llama3".equals(type)) {
            double lowFreqWavelen = originalMaxPositionEmbeddings / lowFreqFactor;
            double highFreqWavelen = originalMaxPositionEmbeddings / highFreqFactor;
            for (int i = 0; i < out.length; i++) {
                double inv = inverseFrequencies[i];
                double wavelen = 2 * Math.PI / inv;
                if (wavelen > lowFreqWavelen) {
                    out[i] = (float) (inv / factor);
                } else if (wavelen >= highFreqWavelen) {
                    double smooth = (originalMaxPositionEmbeddings / wavelen - lowFreqFactor)
                            / (highFreqFactor - lowFreqFactor);
                    out[i] = (float) ((1 - smooth) * inv / factor + smooth * inv);
                }
            }
        }
        return out;
    }
}
