package org.lens4j.models;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lens4j.core.capture.CaptureRequest;
import org.lens4j.core.capture.CaptureResult;
import org.lens4j.core.capture.CaptureSession;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.module.ModuleTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded model ready for capture: the {@link HookedModel} and, created on first use, its family's
 * {@link InputProcessor}.
 *
 * <p>The model owns both and closes them in {@link #close()}; close is idempotent, and every other
 * method throws {@link IllegalStateException} after it. Open one with {@link Lens#open(Path)} or
 * wrap an in-memory model with {@link Lens#wrap(HookedModel)}.
 *
 * <pre>{@code
 * try (LensModel model = Lens.open(Path.of("Qwen2-VL-2B-Instruct"))) {
 *     CaptureResult r = model.capture("visual.blocks.31.norm2")
 *             .pooling(Pooling.MEAN, TokenSubset.ALL)
 *             .run(List.of(image), "Describe the fabric.");
 *     INDArray x = r.get("visual.blocks.31.norm2");   // [images, 1280]
 * }
 * }</pre>
 *
 * <p>Not thread-safe: run one capture at a time.
 */
public final class LensModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LensModel.class);

    private final HookedModel model;
    private final ModelAdapter adapter;
    private final Path folder;
    private InputProcessor processor;
    private boolean closed;

    LensModel(HookedModel model, ModelAdapter adapter, Path folder, InputProcessor processor) {
        this.model = Objects.requireNonNull(model, "model");
        this.adapter = adapter;
        this.folder = folder;
        this.processor = processor;
    }

    /** Returns the description of the loaded weights, for example the folder name. */
    public String modelId() {
        ensureOpen();
        return model.modelId();
    }

    /** Returns the family id, for example {@code "qwen2_vl"}. */
    public String familyId() {
        ensureOpen();
        return model.familyId();
    }

    /** Returns the module tree. */
    public ModuleTree modules() {
        ensureOpen();
        return model.modules();
    }

    /** Returns the underlying hooked model; it stays owned by this object. */
    public HookedModel hookedModel() {
        ensureOpen();
        return model;
    }

    /** Returns the folder the model was loaded from, if any. */
    public Optional<Path> folder() {
        return Optional.ofNullable(folder);
    }

    /**
     * Returns the family's input processor, creating it on first use.
     *
     * @throws UnsupportedOperationException when the model was wrapped without a processor, or the
     *     family has none yet
     */
    public synchronized InputProcessor processor() {
        ensureOpen();
        if (processor == null) {
            if (adapter == null || folder == null) {
                throw new UnsupportedOperationException("model " + model.modelId() + " was wrapped without an"
                        + " input processor, so it only runs pre-built inputs; use run(ModelInputs) or"
                        + " Lens.wrap(model, processor)");
            }
            processor = adapter.processor(folder);
            LOG.debug("created the {} input processor for {}", adapter.id(), folder);
        }
        return processor;
    }

    /**
     * Starts a capture of the modules matching {@code patterns}: exact names, globs ({@code *},
     * {@code **}) or {@code re:} regular expressions.
     */
    public CaptureBuilder capture(String... patterns) {
        return capture(List.of(patterns));
    }

    /** Starts a capture of the modules matching {@code patterns}. */
    public CaptureBuilder capture(List<String> patterns) {
        ensureOpen();
        return new CaptureBuilder(this, CaptureRequest.of(patterns));
    }

    /**
     * Runs a prepared request on pre-built inputs.
     *
     * @throws IllegalArgumentException when a pattern matches nothing or a pooling does not apply
     */
    public CaptureResult run(CaptureRequest request, ModelInputs inputs) {
        ensureOpen();
        try (CaptureSession session = CaptureSession.open(model, request)) {
            return session.run(inputs);
        }
    }

    /** Returns whether the model is open. */
    public boolean isOpen() {
        return !closed;
    }

    /** Closes the input processor (if created) and the model; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (processor != null) {
                processor.close();
            }
        } finally {
            model.close();
        }
    }

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("model " + model.modelId() + " is closed; open it again with"
                    + " Lens.open");
        }
    }
}
