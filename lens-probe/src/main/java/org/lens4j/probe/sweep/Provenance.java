package org.lens4j.probe.sweep;

import java.util.List;
import java.util.Objects;

/**
 * The origin of a layer result (versions, model, seeds, labels), so that a number in a notebook
 * explains itself.
 *
 * @param libraryVersion the Lens4J version that computed it
 * @param modelId the model id (and revision, if known) the features were captured from
 * @param module the module name
 * @param pooling the pooling of the features
 * @param seed the sweep seed every random step of this layer derives from
 * @param runIndex the caller's index of this run, for repeated sweeps
 * @param labelMap the labels in class-index order
 * @param permutations the number of permutations of the permutation test
 * @param probe the main probe's configuration, for example {@code "mlp 256 relu adam"}
 * @param split how train and test rows were drawn
 */
public record Provenance(
        String libraryVersion,
        String modelId,
        String module,
        String pooling,
        long seed,
        int runIndex,
        List<String> labelMap,
        int permutations,
        String probe,
        String split) {

    /** Validates and copies the components. */
    public Provenance {
        Objects.requireNonNull(libraryVersion, "libraryVersion");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(pooling, "pooling");
        labelMap = List.copyOf(labelMap);
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(split, "split");
    }
}
