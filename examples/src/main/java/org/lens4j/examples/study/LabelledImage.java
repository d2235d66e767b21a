package org.lens4j.examples.study;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One input of a probing study.
 *
 * @param imageId a stable id, unique in the dataset
 * @param imagePath the image file
 * @param label the class label
 * @param group images that must stay on one side of a train/test split share a group (a pair id,
 *     a source photo); defaults to the image id
 * @param typeKey the key of the Hewitt and Liang control task (a texture id), or null
 * @param prompt the prompt of this image, or null for the study's prompt
 */
public record LabelledImage(String imageId, Path imagePath, String label, String group, String typeKey,
        String prompt) {

    /** Validates the required components and fills the default group. */
    public LabelledImage {
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(imagePath, "imagePath");
        Objects.requireNonNull(label, "label");
        if (group == null || group.isBlank()) {
            group = imageId;
        }
    }
}
