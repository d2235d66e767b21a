package org.lens4j.models.internvl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.internvl.InternVisionConfig;

/**
 * {@code InternVLVisionEmbeddings} (transformers-native layout): {@code patch_embeddings.projection}
 * reports the convolution output {@code [n, D, g, g]}, {@code patch_embeddings} the patch rows
 * {@code [n, P, D]}, {@code dropout} and the module itself {@code [n, P + 1, D]}.
 */
final class InternVLVisionEmbeddings {

    private final String name;
    private final TileEmbedding embedding;

    private InternVLVisionEmbeddings(String name, TileEmbedding embedding) {
        this.name = name;
        this.embedding = embedding;
    }

    static void list(ModuleListing out, String name) {
        out.add(name, "InternVLVisionEmbeddings", ModuleKind.VISION);
        out.add(name + ".patch_embeddings", "InternVLVisionPatchEmbeddings", ModuleKind.VISION);
        // [n, D, g, g]: no [tiles, tokens, hidden] layout.
        out.add(name + ".patch_embeddings.projection", "Conv2d", ModuleKind.OTHER);
        out.add(name + ".dropout", "Dropout", ModuleKind.VISION);
    }

    static InternVLVisionEmbeddings load(WeightLoader weights, String name, InternVisionConfig config) {
        return new InternVLVisionEmbeddings(name, TileEmbedding.load(weights, name + ".patch_embeddings.projection",
                name + ".cls_token", name + ".position_embeddings", config));
    }

    /** Embeds {@code pixels [n, C, S, S]} into {@code [n, P + 1, D]}. */
    NDArray forward(NDArray pixels, NDManager manager, ForwardHooks hooks) {
        String patchName = name + ".patch_embeddings";
        String projectionName = patchName + ".projection";
        hooks.onInput(name, pixels);
        hooks.onInput(patchName, pixels);
        hooks.onInput(projectionName, pixels);
        NDArray patches = embedding.patches(pixels); // [n, P, D]
        if (hooks.isHooked(projectionName)) {
            hooks.onOutput(projectionName, TileEmbedding.asFeatureMap(patches)); // [n, D, g, g]
        }
        hooks.onOutput(patchName, patches);

        NDArray embedded = embedding.withClassAndPositions(patches, manager); // [n, P + 1, D]
        hooks.onInput(name + ".dropout", embedded);
        hooks.onOutput(name + ".dropout", embedded);
        hooks.onOutput(name, embedded);
        return embedded;
    }
}
