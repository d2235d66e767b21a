package org.lens4j.models.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.testing.TinyVlm;
import org.lens4j.models.InputProcessor;

/**
 * Builds {@link TinyVlm} inputs: BOS, one image token per image, then one token per prompt character
 * (ids 3 to 9), right-padded. Each pixel of each image becomes one patch row (R, G, B scaled to 0..1).
 */
public final class TinyProcessor implements InputProcessor {

    private static final int FIRST_TEXT_ID = 3;
    private boolean closed;

    /** Returns whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public ModelInputs process(NDManager manager, List<List<BufferedImage>> images, List<String> prompts) {
        if (closed) {
            throw new IllegalStateException("processor is closed");
        }
        if (images.size() != prompts.size()) {
            throw new IllegalArgumentException(images.size() + " image lists for " + prompts.size() + " prompts");
        }
        List<long[]> sequences = new ArrayList<>();
        List<float[]> patches = new ArrayList<>();
        List<Long> patchesPerImage = new ArrayList<>();
        for (int item = 0; item < prompts.size(); item++) {
            sequences.add(tokens(images.get(item).size(), prompts.get(item)));
            for (BufferedImage image : images.get(item)) {
                patchesPerImage.add((long) image.getWidth() * image.getHeight());
                addPixels(image, patches);
            }
        }

        int length = sequences.stream().mapToInt(s -> s.length).max().orElse(0);
        long[] ids = new long[sequences.size() * length];
        long[] mask = new long[ids.length];
        for (int item = 0; item < sequences.size(); item++) {
            long[] sequence = sequences.get(item);
            for (int i = 0; i < sequence.length; i++) {
                ids[item * length + i] = sequence[i];
                mask[item * length + i] = 1;
            }
        }
        Shape shape = new Shape(sequences.size(), length);
        Map<String, NDArray> tensors = new java.util.LinkedHashMap<>();
        tensors.put(ModelInputs.INPUT_IDS, manager.create(ids, shape));
        tensors.put(ModelInputs.ATTENTION_MASK, manager.create(mask, shape));
        if (!patches.isEmpty()) {
            tensors.put(ModelInputs.PIXEL_VALUES, pixelValues(manager, patches));
            tensors.put(TinyVlm.PATCHES_PER_IMAGE,
                    manager.create(patchesPerImage.stream().mapToLong(Long::longValue).toArray()));
        }
        return ModelInputs.of(tensors);
    }

    private static long[] tokens(int imageCount, String prompt) {
        long[] out = new long[1 + imageCount + prompt.length()];
        out[0] = TinyVlm.BOS;
        for (int i = 0; i < imageCount; i++) {
            out[1 + i] = TinyVlm.IMAGE_TOKEN;
        }
        for (int i = 0; i < prompt.length(); i++) {
            out[1 + imageCount + i] = FIRST_TEXT_ID + prompt.charAt(i) % (TinyVlm.VOCAB - FIRST_TEXT_ID);
        }
        return out;
    }

    private static void addPixels(BufferedImage image, List<float[]> patches) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                patches.add(new float[] {((rgb >> 16) & 0xff) / 255f, ((rgb >> 8) & 0xff) / 255f, (rgb & 0xff) / 255f});
            }
        }
    }

    private static NDArray pixelValues(NDManager manager, List<float[]> patches) {
        float[] flat = new float[patches.size() * TinyVlm.PATCH_DIM];
        for (int i = 0; i < patches.size(); i++) {
            System.arraycopy(patches.get(i), 0, flat, i * TinyVlm.PATCH_DIM, TinyVlm.PATCH_DIM);
        }
        return manager.create(flat, new Shape(patches.size(), TinyVlm.PATCH_DIM));
    }

    @Override
    public void close() {
        closed = true;
    }
}
