package org.lens4j.core.image;

import java.util.Arrays;

/**
 * Rescaling and per-channel normalisation of 8-bit samples into float32, with the arithmetic of
 * Hugging Face's {@code rescale} and {@code normalize}: {@code v = (float) (u * rescaleFactor)}
 * computed in double, then {@code (v - mean[c]) / std[c]} in float32.
 *
 * @param rescale whether to multiply by {@code rescaleFactor} ({@code do_rescale})
 * @param rescaleFactor the factor, usually {@code 1 / 255}
 * @param normalize whether to subtract the mean and divide by the standard deviation
 *     ({@code do_normalize})
 * @param mean per-channel mean (red, green, blue), float32
 * @param std per-channel standard deviation, float32, each non-zero
 */
public record Normalization(boolean rescale, double rescaleFactor, boolean normalize, float[] mean, float[] std) {

    // The constants are rounded from double to float, as NumPy does with the JSON values. A float
    // literal rounds the decimal only once, so it could differ in the last bit.

    private static final float[] OPENAI_CLIP_MEAN = {(float) 0.48145466, (float) 0.4578275, (float) 0.40821073};
    private static final float[] OPENAI_CLIP_STD = {(float) 0.26862954, (float) 0.26130258, (float) 0.27577711};
    /** The value 1/255 as Python computes it. */
    public static final double ONE_OVER_255 = 1.0 / 255.0;

    /**
     * Validates the settings and copies the arrays.
     *
     * @throws IllegalArgumentException when a mean or std does not have 3 finite values, or a std is 0
     */
    public Normalization {
        mean = checkChannels("image_mean", mean);
        std = checkChannels("image_std", std);
        for (float value : std) {
            if (value == 0.0f) {
                throw new IllegalArgumentException("image_std must be non-zero, got " + Arrays.toString(std));
            }
        }
        if (!Double.isFinite(rescaleFactor)) {
            throw new IllegalArgumentException("rescale_factor must be finite, got " + rescaleFactor);
        }
    }

    /** Returns {@code x / 255} followed by normalisation with the given mean and std. */
    public static Normalization of(float[] mean, float[] std) {
        return new Normalization(true, ONE_OVER_255, true, mean, std);
    }

    /**
     * Returns {@code x / 255} and the OpenAI CLIP mean {@code [0.48145466, 0.4578275, 0.40821073]}
     * and std {@code [0.26862954, 0.26130258, 0.27577711]}, used by CLIP, BLIP, Qwen2-VL, Pixtral
     * and LLaVA.
     */
    public static Normalization openAiClip() {
        return of(OPENAI_CLIP_MEAN, OPENAI_CLIP_STD);
    }

    /** Returns a copy of the mean. */
    @Override
    public float[] mean() {
        return mean.clone();
    }

    /** Returns a copy of the standard deviation. */
    @Override
    public float[] std() {
        return std.clone();
    }

    /** Returns the float32 value of an 8-bit sample {@code value} (0–255) in {@code channel}. */
    public float apply(int value, int channel) {
        float v = rescale ? (float) (value * rescaleFactor) : (float) value;
        return normalize ? (v - mean[channel]) / std[channel] : v;
    }

    /**
     * Converts an image to float32 channels-first values, {@code [3, height, width]} row-major.
     */
    public float[] toChannelsFirst(RgbImage image) {
        float[] out = new float[image.width() * image.height() * 3];
        writeChannelsFirst(image, out, 0);
        return out;
    }

    /**
     * Writes the channels-first values {@code [3, height, width]} of {@code image} into
     * {@code target} from {@code offset}.
     *
     * @throws IndexOutOfBoundsException when the target is too short
     */
    public void writeChannelsFirst(RgbImage image, float[] target, int offset) {
        int plane = image.width() * image.height();
        if (offset < 0 || offset + 3L * plane > target.length) {
            throw new IndexOutOfBoundsException("target of length " + target.length + " cannot hold "
                    + 3L * plane + " values from offset " + offset);
        }
        float[][] table = lookupTable();
        byte[] pixels = image.buffer();
        for (int i = 0; i < plane; i++) {
            target[offset + i] = table[0][pixels[i * 3] & 0xFF];
            target[offset + plane + i] = table[1][pixels[i * 3 + 1] & 0xFF];
            target[offset + 2 * plane + i] = table[2][pixels[i * 3 + 2] & 0xFF];
        }
    }

    /** Returns, per channel, the float32 value of every 8-bit sample. */
    float[][] lookupTable() {
        float[][] table = new float[3][256];
        for (int c = 0; c < 3; c++) {
            for (int u = 0; u < 256; u++) {
                table[c][u] = apply(u, c);
            }
        }
        return table;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Normalization that
                && rescale == that.rescale
                && Double.compare(rescaleFactor, that.rescaleFactor) == 0
                && normalize == that.normalize
                && Arrays.equals(mean, that.mean)
                && Arrays.equals(std, that.std);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new Object[] {rescale, rescaleFactor, normalize, Arrays.hashCode(mean),
            Arrays.hashCode(std)});
    }

    @Override
    public String toString() {
        return "Normalization[rescale=" + rescale + ", rescaleFactor=" + rescaleFactor + ", normalize="
                + normalize + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }

    private static float[] checkChannels(String name, float[] values) {
        if (values == null || values.length != 3) {
            throw new IllegalArgumentException(name + " must have 3 values (red, green, blue), got "
                    + Arrays.toString(values));
        }
        for (float value : values) {
            if (!Float.isFinite(value)) {
                throw new IllegalArgumentException(name + " must be finite, got " + Arrays.toString(values));
            }
        }
        return values.clone();
    }
}
