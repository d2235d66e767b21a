package org.lens4j.models.blocks;

/** The fill rule a {@link RandomWeights} source applies to a tensor; a checkpoint-backed source ignores it. */
public enum WeightInit {
    /** Normal values with mean 0 and the source's standard deviation (matrices, embeddings). */
    NORMAL,
    /** All zeros (biases). */
    ZEROS,
    /** All ones (norm weights). */
    ONES
}
