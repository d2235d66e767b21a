package org.lens4j.core.capture.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lens4j.core.capture.Capture;
import org.lens4j.core.capture.CaptureTarget;
import org.lens4j.core.capture.HookHandle;
import org.lens4j.core.capture.HookRegistry;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.capture.SequenceInfo;
import org.lens4j.core.module.ModuleInfo;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.core.ndarray.NdConversions;
import org.lens4j.core.pool.Pooler;
import org.lens4j.core.pool.PoolingSpec;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One forward pass of a capture session: hooks in, forward, hooks out, then pool and copy each
 * capture. Every array it takes lives in a child of the run manager and is closed as soon as its
 * copy is in ND4J.
 */
public final class CaptureRun {

    private final HookedModel model;
    private final CaptureTarget target;
    private final Map<String, ModuleInfo> modules;
    private final Map<String, PoolingSpec> pooling;
    private final NDManager runManager;
    private final List<RawCapture> rawCaptures = new ArrayList<>();

    /** Prepares a run; {@code runManager} must be closed by the caller after {@link #run}. */
    public CaptureRun(HookedModel model, CaptureTarget target, Map<String, ModuleInfo> modules,
            Map<String, PoolingSpec> pooling, NDManager runManager) {
        this.model = model;
        this.target = target;
        this.modules = modules;
        this.pooling = pooling;
        this.runManager = runManager;
    }

    /** Runs the forward pass and returns the captures by module in tree order, then call index. */
    public List<Capture> run(ModelInputs inputs) {
        SequenceInfo info = forward(inputs);

        List<String> order = new ArrayList<>(modules.keySet());
        rawCaptures.sort(Comparator.comparingInt((RawCapture raw) -> order.indexOf(raw.module))
                .thenComparingInt(raw -> raw.callIndex));
        List<Capture> out = new ArrayList<>();
        for (RawCapture capture : rawCaptures) {
            out.add(finish(capture, info));
        }
        return out;
    }

    private SequenceInfo forward(ModelInputs inputs) {
        HookRegistry hooks = new HookRegistry();
        List<HookHandle> handles = new ArrayList<>();
        try {
            for (String module : modules.keySet()) {
                handles.add(target == CaptureTarget.INPUT
                        ? hooks.addInputHook(module, this::take)
                        : hooks.addOutputHook(module, this::take));
            }
            hooks.beginForward();
            SequenceInfo info = model.forward(inputs, hooks);
            if (info == null) {
                throw new IllegalStateException("model " + model.modelId() + " returned no SequenceInfo from"
                        + " forward; HookedModel.forward must describe the sequence it ran");
            }
            return info;
        } finally {
            hooks.endForward();
            handles.forEach(HookHandle::close);
        }
    }

    /** Duplicates a hooked tensor into a child manager of the run, widened to float32. */
    private void take(String module, int callIndex, NDArray tensor) {
        DataType dtype = tensor.getDataType();
        if (!dtype.isFloating()) {
            String role = target.name().toLowerCase(Locale.ROOT);
            throw new IllegalArgumentException("module '" + module + "' " + role + " has dtype " + dtype
                    + " and shape " + tensor.getShape() + "; only floating-point tensors can be captured, so"
                    + " select a module whose " + role + " is floating point");
        }
        NDManager own = runManager.newSubManager();
        NDArray copy = dtype == DataType.FLOAT32 ? tensor.duplicate() : tensor.toType(DataType.FLOAT32, true);
        copy.attach(own);
        rawCaptures.add(new RawCapture(module, callIndex, dtype, copy, own));
    }

    private Capture finish(RawCapture capture, SequenceInfo info) {
        try {
            ModuleInfo module = modules.get(capture.module);
            PoolingSpec spec = pooling.get(capture.module);
            long[] shape = capture.tensor.getShape().getShape();

            NDArray pooled = Pooler.pool(capture.tensor, capture.module, module.kind(), spec, info);
            INDArray data = NdConversions.toINDArray(pooled);

            int[][] ranges = module.kind() == ModuleKind.VISION && shape.length == 2
                    ? info.imageRows().rangesFor(capture.module)
                    : new int[0][];
            return new Capture(capture.module, capture.callIndex, target, data, shape, capture.dtype, spec,
                    info.attentionMask(), info.tokenTypes(), ranges);
        } finally {
            capture.manager.close();
        }
    }

    /** A duplicated tensor waiting for the forward pass to end, with the manager that owns it. */
    private static final class RawCapture {
        final String module;
        final int callIndex;
        final DataType dtype;
        final NDArray tensor;
        final NDManager manager;

        RawCapture(String module, int callIndex, DataType dtype, NDArray tensor, NDManager manager) {
            this.module = module;
            this.callIndex = callIndex;
            this.dtype = dtype;
            this.tensor = tensor;
            this.manager = manager;
        }
    }
}
