package org.lens4j.models;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.CaptureRequest;
import org.lens4j.core.capture.CaptureResult;
import org.lens4j.core.capture.CaptureTarget;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.pool.Pooling;
import org.lens4j.core.pool.PoolingSpec;
import org.lens4j.core.pool.TokenSubset;

/**
 * A capture being set up on a {@link LensModel}: choose pooling and output or input, then run it on
 * images and prompts or on pre-built inputs.
 *
 * <pre>{@code
 * CaptureResult r = model.capture("visual.blocks.31.norm2", "model.layers.*.post_attention_layernorm")
 *         .pooling(Pooling.MEAN, TokenSubset.IMAGE)          // decoder layers: mean over image tokens
 *         .pooling("visual.**", Pooling.MEAN, TokenSubset.ALL) // vision blocks: mean over each image
 *         .run(List.of(image), "Is the fabric defective?");
 * }</pre>
 *
 * <p>Each setter changes this builder and returns it; a builder can run several times.
 */
public final class CaptureBuilder {

    private final LensModel model;
    private CaptureRequest request;

    CaptureBuilder(LensModel model, CaptureRequest request) {
        this.model = model;
        this.request = request;
    }

    /** Pools every selected module with {@code pooling} over {@code subset}, unless an override matches. */
    public CaptureBuilder pooling(Pooling pooling, TokenSubset subset) {
        request = request.withPooling(pooling, subset);
        return this;
    }

    /** Pools every selected module with {@code spec}, unless an override matches. */
    public CaptureBuilder pooling(PoolingSpec spec) {
        request = request.withPooling(spec);
        return this;
    }

    /**
     * Pools the modules matching {@code pattern} with {@code pooling} over {@code subset}; a later
     * override takes precedence over an earlier one for the modules both match.
     */
    public CaptureBuilder pooling(String pattern, Pooling pooling, TokenSubset subset) {
        request = request.withPooling(pattern, PoolingSpec.of(pooling, subset));
        return this;
    }

    /** Adds one override per entry, in the map's iteration order (use a LinkedHashMap for a fixed order). */
    public CaptureBuilder pooling(Map<String, PoolingSpec> byPattern) {
        request = request.withPoolings(byPattern);
        return this;
    }

    /** Captures each module's first tensor argument instead of its output. */
    public CaptureBuilder inputs() {
        request = request.withTarget(CaptureTarget.INPUT);
        return this;
    }

    /** Captures each module's output (the default). */
    public CaptureBuilder outputs() {
        request = request.withTarget(CaptureTarget.OUTPUT);
        return this;
    }

    /** Returns the request as set up so far. */
    public CaptureRequest request() {
        return request;
    }

    /**
     * Runs one forward pass on pre-built inputs.
     *
     * @throws IllegalStateException when the model is closed
     */
    public CaptureResult run(ModelInputs inputs) {
        Objects.requireNonNull(inputs, "inputs");
        return model.run(request, inputs);
    }

    /** Runs one forward pass on a single prompt with its images (possibly none). */
    public CaptureResult run(List<BufferedImage> images, String prompt) {
        return runBatch(List.of(List.copyOf(images)), List.of(prompt));
    }

    /** Runs one forward pass on a single prompt with one image. */
    public CaptureResult run(BufferedImage image, String prompt) {
        return run(List.of(image), prompt);
    }

    /**
     * Runs one forward pass on a batch: one prompt per item, each with its images.
     *
     * @throws IllegalArgumentException when the counts differ or an image cannot be processed
     * @throws UnsupportedOperationException when the model has no input processor
     */
    public CaptureResult runBatch(List<List<BufferedImage>> images, List<String> prompts) {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(prompts, "prompts");
        if (images.size() != prompts.size()) {
            throw new IllegalArgumentException("got " + images.size() + " image lists for " + prompts.size()
                    + " prompts; give one image list (possibly empty) per prompt");
        }
        InputProcessor processor = model.processor();
        try (NDManager manager = LensRuntime.newManager()) {
            ModelInputs inputs = processor.process(manager, images, prompts);
            return model.run(request, inputs);
        }
    }
}
