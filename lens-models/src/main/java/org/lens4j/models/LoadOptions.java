package org.lens4j.models;

/**
 * Options for loading a model.
 *
 * @param randomWeightsSeed when non-null, ignore the checkpoint and initialise every weight
 *     randomly from this seed (a control model with the same architecture)
 */
public record LoadOptions(Long randomWeightsSeed) {

    /** Default options: load the checkpoint's weights. */
    public static LoadOptions defaults() {
        return new LoadOptions(null);
    }
}
