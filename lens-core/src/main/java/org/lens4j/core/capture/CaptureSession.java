package org.lens4j.core.capture;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.LensVersion;
import org.lens4j.core.capture.internal.CaptureRun;
import org.lens4j.core.capture.internal.PoolingPlan;
import org.lens4j.core.module.ModuleInfo;
import org.lens4j.core.pool.PoolingSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures the selected modules of a {@link HookedModel} during forward passes.
 *
 * <p>Opening a session resolves the request's patterns against the model's module tree and checks
 * each module's pooling against its kind, so a bad request fails before any forward pass. Each
 * {@link #run} registers one hook per module, runs one forward pass, removes the hooks in a
 * {@code finally} block, pools each capture on the device and copies it into ND4J. When the
 * forward pass or the pooling fails, no hook stays registered and nothing is returned.
 *
 * <p>The session owns an {@link NDManager} for the copies it takes during a pass; they are closed
 * before {@code run} returns. The model is not owned: close it separately.
 *
 * <pre>{@code
 * CaptureRequest request = CaptureRequest.of("model.layers.*.post_attention_layernorm")
 *         .withPooling(Pooling.MEAN, TokenSubset.ALL);
 * try (CaptureSession session = CaptureSession.open(model, request)) {
 *     CaptureResult result = session.run(inputs);
 *     INDArray layer14 = result.get("model.layers.14.post_attention_layernorm");  // [batch, hidden]
 * }
 * }</pre>
 */
public final class CaptureSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureSession.class);

    private final HookedModel model;
    private final CaptureRequest request;
    private final Map<String, ModuleInfo> modules;
    private final Map<String, PoolingSpec> pooling;
    private final NDManager manager;
    private boolean closed;

    private CaptureSession(HookedModel model, CaptureRequest request, Map<String, ModuleInfo> modules,
            Map<String, PoolingSpec> pooling) {
        this.model = model;
        this.request = request;
        this.modules = modules;
        this.pooling = pooling;
        this.manager = LensRuntime.newManager();
    }

    /**
     * Opens a session on {@code model}.
     *
     * @throws IllegalArgumentException when a pattern matches no module or only modules that never
     *     run, or when a pooling does not apply to a module it is assigned to
     * @throws IllegalStateException when the model is closed
     */
    public static CaptureSession open(HookedModel model, CaptureRequest request) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(request, "request");

        List<String> names = model.modules().select(request.patterns());
        Map<String, ModuleInfo> modules = new LinkedHashMap<>();
        for (String name : names) {
            modules.put(name, model.modules().find(name).orElseThrow());
        }
        Map<String, PoolingSpec> pooling = PoolingPlan.assign(model.modules(), request, modules);
        LOG.debug("capture session on {} selects {} modules for {}", model.modelId(), modules.size(), request);
        return new CaptureSession(model, request, modules, pooling);
    }

    /** Returns the selected modules' canonical names, in tree order. */
    public List<String> modules() {
        return new ArrayList<>(modules.keySet());
    }

    /**
     * Returns the pooling applied to {@code module}.
     *
     * @throws IllegalArgumentException when the module is not selected
     */
    public PoolingSpec poolingFor(String module) {
        PoolingSpec spec = pooling.get(module);
        if (spec == null) {
            throw new IllegalArgumentException("module '" + module + "' is not selected in this session;"
                    + " selected: " + modules.keySet());
        }
        return spec;
    }

    /** Returns the request this session was opened with. */
    public CaptureRequest request() {
        return request;
    }

    /**
     * Runs one forward pass and returns the captures.
     *
     * @param inputs the model inputs; they stay owned by their manager
     * @throws IllegalStateException when the session is closed
     * @throws IllegalArgumentException when a captured tensor is not floating point, or when pooling
     *     fails on it (shape mismatch, empty token subset)
     */
    public CaptureResult run(ModelInputs inputs) {
        Objects.requireNonNull(inputs, "inputs");
        ensureOpen();

        try (NDManager runManager = manager.newSubManager()) {
            List<Capture> captures = new CaptureRun(model, request.target(), modules, pooling, runManager)
                    .run(inputs);
            List<String> notCalled = notCalled(captures);
            if (!notCalled.isEmpty()) {
                LOG.debug("{} selected modules were not called in the forward pass: {}",
                        notCalled.size(), notCalled);
            }
            return new CaptureResult(captures, notCalled, model.modules().aliases(), model.modelId(),
                    model.familyId(), LensVersion.get());
        }
    }

    /** Returns whether the session is open. */
    public boolean isOpen() {
        return !closed;
    }

    /** Releases the session's native memory; idempotent. Does not close the model. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }

    private List<String> notCalled(List<Capture> captures) {
        List<String> out = new ArrayList<>(modules.keySet());
        for (Capture capture : captures) {
            out.remove(capture.module());
        }
        return out;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("capture session on " + model.modelId()
                    + " is closed; open a new one with CaptureSession.open");
        }
    }
}
