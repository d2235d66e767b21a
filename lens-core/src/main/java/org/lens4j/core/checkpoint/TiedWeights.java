package org.lens4j.core.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the output head of a language model whose weights may be tied to its input embedding.
 *
 * <p>With {@code tie_word_embeddings} true, checkpoints usually omit the head (for example
 * {@code lm_head.weight}) and the model reuses the embedding (for example
 * {@code model.embed_tokens.weight} or {@code language_model.model.embed_tokens.weight}). The
 * rules:
 * <ul>
 *   <li>head present, not tied: the head;</li>
 *   <li>head present, tied: the head; when the embedding differs from it, a warning is logged,
 *       because the checkpoint contradicts its configuration;</li>
 *   <li>head absent, tied: the embedding;</li>
 *   <li>head absent, not tied: an error naming the head key and the flag.</li>
 * </ul>
 */
public final class TiedWeights {

    private static final Logger LOG = LoggerFactory.getLogger(TiedWeights.class);

    private TiedWeights() {
    }

    /**
     * Returns the name of the tensor to use as the head.
     *
     * @param checkpoint the checkpoint to look in
     * @param headKey the head weight, for example {@code lm_head.weight}
     * @param embeddingKey the input embedding weight, for example {@code model.embed_tokens.weight}
     * @param tieWordEmbeddings the {@code tie_word_embeddings} flag of the model's configuration
     * @throws IllegalArgumentException when neither usable tensor is in the checkpoint
     */
    public static String resolveHeadName(Checkpoint checkpoint, String headKey, String embeddingKey,
            boolean tieWordEmbeddings) {
        boolean hasHead = checkpoint.contains(headKey);
        boolean hasEmbedding = checkpoint.contains(embeddingKey);
        if (hasHead) {
            if (tieWordEmbeddings && hasEmbedding && !sameValues(checkpoint, headKey, embeddingKey)) {
                LOG.warn("tie_word_embeddings is true but '{}' differs from '{}'; using '{}' as stored",
                        headKey, embeddingKey, headKey);
            }
            LOG.debug("Using '{}' as the head (tie_word_embeddings={})", headKey, tieWordEmbeddings);
            return headKey;
        }
        if (!tieWordEmbeddings) {
            throw new IllegalArgumentException("head weight '" + headKey + "' is missing and tie_word_embeddings"
                    + " is false, so the embedding '" + embeddingKey + "' cannot stand in for it; use a checkpoint"
                    + " that stores the head or a configuration with tie_word_embeddings true");
        }
        if (!hasEmbedding) {
            throw new IllegalArgumentException("neither the head weight '" + headKey + "' nor the tied embedding '"
                    + embeddingKey + "' is in the checkpoint (tie_word_embeddings is true); check both names");
        }
        LOG.debug("Using the embedding '{}' as the tied head '{}'", embeddingKey, headKey);
        return embeddingKey;
    }

    /**
     * Loads the head chosen by {@link #resolveHeadName} into {@code manager} as float32.
     *
     * @throws IllegalArgumentException when neither usable tensor is in the checkpoint
     */
    public static NDArray loadHead(NDManager manager, Checkpoint checkpoint, String headKey, String embeddingKey,
            boolean tieWordEmbeddings) {
        return checkpoint.load(manager, resolveHeadName(checkpoint, headKey, embeddingKey, tieWordEmbeddings));
    }

    private static boolean sameValues(Checkpoint checkpoint, String first, String second) {
        if (checkpoint instanceof SafetensorsCheckpoint safetensors) {
            return safetensors.sameStoredData(first, second);
        }
        TensorInfo a = checkpoint.info(first);
        TensorInfo b = checkpoint.info(second);
        return Arrays.equals(a.shape(), b.shape())
                && Arrays.equals(checkpoint.readFloats(first), checkpoint.readFloats(second));
    }
}
