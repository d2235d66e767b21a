package org.lens4j.examples.fabric;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One image of a fabric dataset, as a manifest row.
 *
 * @param imagePath the image file
 * @param label {@link #NORMAL} or {@link #DEFECT}
 * @param pairId the pair both images of a pair share
 * @param textureId index of the base texture (the key of the control task)
 * @param textureName file name of the base texture, or the procedural weave
 * @param defectKind the defect's id, or {@code ""} for a normal image
 * @param box the defect's bounding box {@code x, y, width, height}, or all zero
 */
public record FabricSample(Path imagePath, String label, String pairId, int textureId, String textureName,
        String defectKind, int[] box) {

    /** The label of an image without defect. */
    public static final String NORMAL = "normal";
    /** The label of an image with a defect. */
    public static final String DEFECT = "defect";

    /** Validates the components and copies the box. */
    public FabricSample {
        Objects.requireNonNull(imagePath, "imagePath");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(pairId, "pairId");
        box = box.clone();
    }

    /** Returns a copy of the bounding box. */
    @Override
    public int[] box() {
        return box.clone();
    }
}
