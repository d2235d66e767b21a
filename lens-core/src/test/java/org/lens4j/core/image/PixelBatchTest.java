package org.lens4j.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PixelBatchTest {

    @Test
    void concatenateJoinsRowsAndGrids() {
        ProcessedImage first = ProcessedImage.copyOf(new float[] {1, 2}, new long[] {1, 2}, new GridThw(1, 1, 1), null);
        ProcessedImage second = ProcessedImage.copyOf(new float[] {3, 4, 5, 6}, new long[] {2, 2},
                new GridThw(1, 2, 1), null);

        PixelBatch batch = PixelBatch.concatenate(List.of(first, second));

        assertArrayEquals(new long[] {3, 2}, batch.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, batch.values());
        assertArrayEquals(new long[] {1, 1, 1, 1, 2, 1}, batch.gridThw().orElseThrow());
    }

    @Test
    void stackAddsBatchDimension() {
        ProcessedImage image = ProcessedImage.copyOf(new float[] {1, 2}, new long[] {2}, null, new ImageSize(3, 4));

        PixelBatch batch = PixelBatch.stack(List.of(image, image));

        assertArrayEquals(new long[] {2, 2}, batch.shape());
        assertArrayEquals(new long[] {3, 4, 3, 4}, batch.imageSizes().orElseThrow());
        assertTrue(batch.gridThw().isEmpty());
    }

    @Test
    void stackRejectsDifferentShapes() {
        ProcessedImage small = ProcessedImage.copyOf(new float[] {1}, new long[] {1}, null, null);
        ProcessedImage large = ProcessedImage.copyOf(new float[] {1, 2}, new long[] {2}, null, null);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> PixelBatch.stack(List.of(small, large)));

        assertTrue(error.getMessage().contains("stackPadded"), error.getMessage());
    }

    @Test
    void stackPaddedFillsZerosAtEnd() {
        ProcessedImage small = ProcessedImage.copyOf(new float[] {1, 2}, new long[] {1, 2}, null, null);
        ProcessedImage tall = ProcessedImage.copyOf(new float[] {3, 4, 5}, new long[] {3, 1}, null, null);

        PixelBatch batch = PixelBatch.stackPadded(List.of(small, tall));

        assertArrayEquals(new long[] {2, 3, 2}, batch.shape());
        assertArrayEquals(new float[] {1, 2, 0, 0, 0, 0, 3, 0, 4, 0, 5, 0}, batch.values());
    }

    @Test
    void emptyListIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> PixelBatch.concatenate(List.of()));
    }
}
