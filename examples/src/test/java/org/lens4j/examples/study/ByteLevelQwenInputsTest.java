package org.lens4j.examples.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lens4j.core.image.GridThw;
import org.lens4j.core.image.Qwen2VlImageProcessor;

class ByteLevelQwenInputsTest {

    private final ByteLevelQwenInputs inputs = new ByteLevelQwenInputs(Qwen2VlImageProcessor.withDefaults(), 2);

    @Test
    void singleBytesGetQwenByteTokenIds() {
        // Qwen's tokenizer.json maps "." to 13 and "\n" to 198 (single-byte tokens).
        long[] ids = inputs.tokenIds(".", List.of());

        long[] userTurnEnd = Arrays.copyOfRange(ids, ids.length - 14, ids.length - 10);
        assertArrayEquals(new long[] {13, ByteLevelQwenInputs.IM_END, 198, ByteLevelQwenInputs.IM_START}, userTurnEnd);
    }

    @Test
    void imagePadExpandsToMergedTokenCount() {
        long[] ids = inputs.tokenIds("x", List.of(new GridThw(1, 16, 16)));

        long pads = Arrays.stream(ids).filter(id -> id == ByteLevelQwenInputs.IMAGE_PAD).count();

        assertEquals(64, pads);
    }
}
