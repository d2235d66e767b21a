package org.lens4j.models.qwen2vl.internal;

import org.lens4j.core.capture.SequenceInfo;
import org.lens4j.core.capture.TokenType;

/** Builds the {@link SequenceInfo} of a forward pass. */
final class QwenVLSequences {

    /**
     * The first special token of the Qwen2 vocabulary, {@code <|endoftext|>}; {@code <|im_start|>},
     * {@code <|im_end|>}, the object, box and quad markers and the vision tokens follow it.
     */
    static final long FIRST_ADDED_TOKEN = 151_643;

    /** The last of those special tokens, {@code <|video_pad|>}. */
    static final long LAST_ADDED_TOKEN = 151_656;

    private QwenVLSequences() {
    }

    static SequenceInfo describe(QwenVLInputs inputs, RopeIndex.Result rope, QwenVLConfig config) {
        long[][] ids = inputs.ids();
        long[][] mask = inputs.mask();
        long[][] maskCopy = new long[mask.length][];
        TokenType[][] types = new TokenType[ids.length][];
        for (int b = 0; b < ids.length; b++) {
            maskCopy[b] = mask[b].clone();
            types[b] = new TokenType[ids[b].length];
            for (int l = 0; l < ids[b].length; l++) {
                types[b][l] = mask[b][l] == 0 ? TokenType.SPECIAL : typeOf(ids[b][l], config);
            }
        }
        SequenceInfo.ImageRows rows = inputs.geometry() == null
                ? SequenceInfo.ImageRows.NONE
                : new SequenceInfo.ImageRows(inputs.geometry().imageRanges(), QwenVLModel.mergedModules(),
                        config.vision().mergeSize() * config.vision().mergeSize());
        return new SequenceInfo(maskCopy, types, rows, rope.imagesPerRow().clone());
    }

    /**
     * Returns IMAGE for the image placeholder, SPECIAL for the vision markers, BOS/EOS and (with the
     * full Qwen2 vocabulary) every added token such as {@code <|im_start|>}, and TEXT otherwise.
     */
    static TokenType typeOf(long id, QwenVLConfig config) {
        QwenVLConfig.TokenIds t = config.tokens();
        if (id == t.image()) {
            return TokenType.IMAGE;
        }
        if (id == t.visionStart() || id == t.visionEnd() || id == t.visionPad() || id == t.video() || id == t.bos()
                || id == t.eos()) {
            return TokenType.SPECIAL;
        }
        boolean fullVocabulary = config.text().vocab() > LAST_ADDED_TOKEN;
        if (fullVocabulary && id >= FIRST_ADDED_TOKEN && id <= LAST_ADDED_TOKEN) {
            return TokenType.SPECIAL;
        }
        return TokenType.TEXT;
    }
}
