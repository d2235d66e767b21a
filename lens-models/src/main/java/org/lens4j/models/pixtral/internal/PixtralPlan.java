package org.lens4j.models.pixtral.internal;

import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleTree;

/**
 * The stages one Pixtral forward pass runs so that every hooked module is reached.
 *
 * @param runsVision whether the vision encoder runs (when the input has images)
 * @param runsProjector whether the projector runs
 * @param runsDecoder whether the embeddings and the decoder run
 * @param runsHead whether the head runs (its logits are large, so only when it, the causal-LM
 *     wrapper or the root is hooked)
 */
record PixtralPlan(boolean runsVision, boolean runsProjector, boolean runsDecoder, boolean runsHead) {

    /** Plans the pass over the modules of {@code tree} that {@code hooks} listen on. */
    static PixtralPlan of(ForwardHooks hooks, ModuleTree tree, PixtralNames names) {
        boolean vision = false;
        boolean projector = false;
        boolean decoder = false;
        boolean head = false;
        for (String name : tree.names()) {
            if (!hooks.isHooked(name)) {
                continue;
            }
            if (name.isEmpty() || name.equals(names.head()) || name.equals(names.languageModel())) {
                head = true;
            } else if (within(name, names.vision())) {
                vision = true;
            } else if (within(name, names.projector())) {
                projector = true;
            } else {
                decoder = true;
            }
        }
        decoder |= head;
        projector |= decoder;
        return new PixtralPlan(vision || projector, projector, decoder, head);
    }

    private static boolean within(String name, String module) {
        return name.equals(module) || name.startsWith(module + ".");
    }
}
