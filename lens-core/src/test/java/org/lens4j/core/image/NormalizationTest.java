package org.lens4j.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NormalizationTest {

    @Test
    void valueFollowsReferenceArithmetic() {
        Normalization clip = Normalization.openAiClip();

        // float32((float64) 200 / 255), then (v - mean) / std in float32.
        float rescaled = (float) (200 * (1.0 / 255.0));
        float expected = (rescaled - (float) 0.4578275) / (float) 0.26130258;
        assertEquals(expected, clip.apply(200, 1));
    }

    @Test
    void channelsFirstLayout() {
        RgbImage image = RgbImage.of(2, 1, new byte[] {1, 2, 3, 4, 5, 6});
        Normalization identity = new Normalization(false, 1.0, false, new float[3], new float[] {1, 1, 1});

        float[] values = identity.toChannelsFirst(image);

        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, values);
    }

    @Test
    void zeroStdIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Normalization.of(new float[3], new float[] {1, 0, 1}));

        assertTrue(error.getMessage().contains("image_std"), error.getMessage());
    }

    @Test
    void meanArrayIsCopied() {
        float[] mean = {0.1f, 0.2f, 0.3f};
        Normalization normalization = Normalization.of(mean, new float[] {1, 1, 1});

        mean[0] = 9f;
        normalization.mean()[1] = 9f;

        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f}, normalization.mean());
    }
}
