package org.lens4j.core.image;

import java.util.Map;

/**
 * The pipeline shared by the CLIP, SigLIP and BLIP processors: resize (shortest edge or fixed
 * size), optional center crop, rescale and normalise, giving {@code [3, height, width]}.
 */
final class ResizeCropPipeline {

    private final boolean doResize;
    private final int shortestEdge;
    private final ImageSize fixedSize;
    private final ImageSize cropSize;
    private final ResampleFilter resample;
    private final Normalization normalization;

    /**
     * Creates the pipeline.
     *
     * @param size {@code {"shortest_edge": n}} or {@code {"height": h, "width": w}}
     * @param cropSize the center crop, or null for none
     * @throws IllegalArgumentException when {@code size} has neither form
     */
    ResizeCropPipeline(boolean doResize, Map<String, Integer> size, ImageSize cropSize, ResampleFilter resample,
            Normalization normalization) {
        this.doResize = doResize;
        if (size.containsKey("shortest_edge")) {
            this.shortestEdge = positive("size.shortest_edge", size.get("shortest_edge"));
            this.fixedSize = null;
        } else if (size.containsKey("height") && size.containsKey("width")) {
            this.shortestEdge = 0;
            this.fixedSize = new ImageSize(size.get("height"), size.get("width"));
        } else {
            throw new IllegalArgumentException("size must contain 'shortest_edge' or both 'height' and 'width', got "
                    + size);
        }
        this.cropSize = cropSize;
        this.resample = resample;
        this.normalization = normalization;
    }

    /**
     * Returns Hugging Face's {@code get_resize_output_image_size(..., default_to_square=False)}:
     * the short side becomes {@code shortestEdge} and the long side {@code int(shortestEdge * long
     * / short)} (truncated).
     */
    static ImageSize shortestEdgeSize(int height, int width, int shortestEdge) {
        int shortSide = Math.min(height, width);
        int longSide = Math.max(height, width);
        int newLong = (int) ((double) shortestEdge * longSide / shortSide);
        return width <= height ? new ImageSize(newLong, shortestEdge) : new ImageSize(shortestEdge, newLong);
    }

    /** Returns the size the image is resized to before cropping. */
    ImageSize resizeTarget(RgbImage image) {
        if (!doResize) {
            return ImageSize.of(image);
        }
        return fixedSize != null ? fixedSize : shortestEdgeSize(image.height(), image.width(), shortestEdge);
    }

    /** Returns the 8-bit image after resizing and cropping, the input of rescaling. */
    RgbImage prepare(RgbImage image) {
        ImageSize target = resizeTarget(image);
        RgbImage resized = ImageOps.resize(image, target.width(), target.height(), resample);
        if (cropSize == null) {
            return resized;
        }
        return ImageOps.centerCrop(resized, cropSize.width(), cropSize.height());
    }

    /** Returns the pixel values {@code [3, height, width]}. */
    ProcessedImage process(RgbImage image) {
        RgbImage prepared = prepare(image);
        float[] values = normalization.toChannelsFirst(prepared);
        return ProcessedImage.of(values, new long[] {3, prepared.height(), prepared.width()}, null, null);
    }

    @Override
    public String toString() {
        String size = fixedSize != null ? fixedSize.height() + "x" + fixedSize.width() : "shortest_edge=" + shortestEdge;
        return "do_resize=" + doResize + ", size=" + size + ", crop_size="
                + (cropSize == null ? "none" : cropSize.height() + "x" + cropSize.width()) + ", resample=" + resample
                + ", " + normalization;
    }

    private static int positive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be positive, got " + value);
        }
        return value;
    }
}
