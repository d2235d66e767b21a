package org.lens4j.models.qwen2vl.internal;

import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleTree;

/**
 * How much of the model one forward pass has to run so that every hooked module is reached.
 *
 * @param runsVision whether the vision tower runs at all
 * @param visionBlocks vision blocks to run (all of them when the merger runs)
 * @param runsMerger whether the merger runs
 * @param runsDecoder whether the embedding and the decoder run
 * @param decoderLayers decoder layers to run
 * @param runsFinalNorm whether {@code model.norm} runs
 * @param runsHead whether {@code lm_head} runs (its logits are large, so it runs only when hooked)
 */
record RunPlan(boolean runsVision, int visionBlocks, boolean runsMerger, boolean runsDecoder, int decoderLayers,
        boolean runsFinalNorm, boolean runsHead) {

    private static final String BLOCKS = "visual.blocks.";
    private static final String LAYERS = "model.layers.";

    /** Plans the pass over the modules of {@code tree} that {@code hooks} listen on. */
    static RunPlan of(ForwardHooks hooks, ModuleTree tree, int visionDepth, int layers) {
        boolean head = false;
        boolean finalNorm = false;
        boolean decoderStem = false;
        boolean merger = false;
        boolean visionStem = false;
        int lastLayer = -1;
        int lastBlock = -1;

        for (String name : tree.names()) {
            if (!hooks.isHooked(name)) {
                continue;
            }
            if (name.isEmpty() || name.equals("lm_head")) {
                head = true;
            } else if (name.equals("model") || name.equals("model.norm")) {
                finalNorm = true;
            } else if (name.startsWith(LAYERS)) {
                lastLayer = Math.max(lastLayer, index(name, LAYERS));
            } else if (name.startsWith("model.")) {
                decoderStem = true;
            } else if (name.equals("visual") || name.startsWith("visual.merger")) {
                merger = true;
            } else if (name.startsWith(BLOCKS)) {
                lastBlock = Math.max(lastBlock, index(name, BLOCKS));
            } else if (name.startsWith("visual.")) {
                visionStem = true;
            }
        }

        finalNorm |= head;
        int decoderLayers = finalNorm ? layers : lastLayer + 1;
        boolean decoder = finalNorm || decoderLayers > 0 || decoderStem;
        merger |= decoder;
        int visionBlocks = merger ? visionDepth : lastBlock + 1;
        boolean vision = merger || visionBlocks > 0 || visionStem;

        return new RunPlan(vision, visionBlocks, merger, decoder, decoderLayers, finalNorm, head);
    }

    /** Returns a plan that runs everything. */
    static RunPlan everything(int visionDepth, int layers) {
        return new RunPlan(true, visionDepth, true, true, layers, true, true);
    }

    private static int index(String name, String prefix) {
        int end = name.indexOf('.', prefix.length());
        return Integer.parseInt(end < 0 ? name.substring(prefix.length()) : name.substring(prefix.length(), end));
    }
}
