package org.lens4j.models.internvl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.internvl.InternVisionConfig;

/**
 * {@code InternVisionEmbeddings} (remote-code layout): {@code patch_embedding} reports the
 * convolution output {@code [n, D, g, g]}, the module itself {@code [n, P + 1, D]}.
 */
final class InternVisionEmbeddings {

    private final String name;
    private final TileEmbedding embedding;

    private InternVisionEmbeddings(String name, TileEmbedding embedding) {
        this.name = name;
        this.embedding = embedding;
    }

    static void list(ModuleListing out, String name) {
        out.add(name, "InternVisionEmbeddings", ModuleKind.VISION);
        // [n, D, g, g]: no [tiles, tokens, hidden] layout.
        out.add(name + ".patch_embedding", "Conv2d", ModuleKind.OTHER);
    }

    static InternVisionEmbeddings load(WeightLoader weights, String name, InternVisionConfig config) {
        return new InternVisionEmbeddings(name, TileEmbedding.load(weights, name + ".patch_embedding",
                name + ".class_embedding", name + ".position_embedding", config));
    }

    /** Embeds {@code pixels [n, C, S, S]} into {@code [n, P + 1, D]}. */
    NDArray forward(NDArray pixels, NDManager manager, ForwardHooks hooks) {
        String patchName = name + ".patch_embedding";
        hooks.onInput(name, pixels);
        hooks.onInput(patchName, pixels);
        NDArray patches = embedding.patches(pixels); // [n, P, D]
        if (hooks.isHooked(patchName)) {
            hooks.onOutput(patchName, TileEmbedding.asFeatureMap(patches)); // [n, D, g, g]
        }
        NDArray embedded = embedding.withClassAndPositions(patches, manager); // [n, P + 1, D]
        hooks.onOutput(name, embedded);
        return embedded;
    }
}
