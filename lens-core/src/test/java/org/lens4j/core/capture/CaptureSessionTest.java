package org.lens4j.core.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.core.pool.Pooling;
import org.lens4j.core.pool.PoolingSpec;
import org.lens4j.core.pool.TokenSubset;
import org.lens4j.core.testing.TinyVlm;
import org.nd4j.linalg.api.ndarray.INDArray;

class CaptureSessionTest {

    /** Float32 RMS norm and means over at most six values; the observed error is below 1e-6. */
    private static final float TOLERANCE = 1e-5f;
    private static final long SEED = 7;

    private NDManager inputManager;
    private TinyVlm model;
    private ModelInputs inputs;

    @BeforeEach
    void setUp() {
        inputManager = LensRuntime.newManager();
        model = new TinyVlm(SEED);
        inputs = TinyVlm.sampleInputs(inputManager);
    }

    @AfterEach
    void tearDown() {
        model.close();
        inputManager.close();
    }

    @Test
    void capturesSelectedOutputsInTreeOrder() {
        CaptureResult result = run(CaptureRequest.of("layers.*", "embed"));

        assertEquals(List.of("embed", "layers.0", "layers.1"), List.copyOf(result.modules()));
        assertArrayEquals(new long[] {1, 6, TinyVlm.HIDDEN}, result.get("layers.1").shape());
    }

    @Test
    void sharedModuleGetsOneCapturePerCall() {
        CaptureResult result = run(CaptureRequest.of("norm", "layers.*"));

        List<Capture> calls = result.calls("norm");
        assertEquals(2, calls.size());
        assertEquals(0, calls.get(0).callIndex());
        assertEquals(1, calls.get(1).callIndex());
        // norm call k normalises the output of layers.k: x / sqrt(mean(x^2) + 1e-6) per position.
        assertArrayEquals(rmsNorm(result.get("layers.0")), floats(result.get("norm", 0)), TOLERANCE);
        assertArrayEquals(rmsNorm(result.get("layers.1")), floats(result.get("norm", 1)), TOLERANCE);
    }

    @Test
    void singleGetOnRepeatedModuleIsRejected() {
        CaptureResult result = run(CaptureRequest.of("norm"));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> result.get("norm"));

        assertTrue(error.getMessage().contains("called 2 times"), error.getMessage());
    }

    @Test
    void inputCaptureSeesPreviousOutput() {
        CaptureResult outputs = run(CaptureRequest.of("layers.0"));
        CaptureResult captured = run(CaptureRequest.of("norm").withTarget(CaptureTarget.INPUT));

        assertEquals(CaptureTarget.INPUT, captured.capture("norm", 0).target());
        assertArrayEquals(floats(outputs.get("layers.0")), floats(captured.get("norm", 0)));
    }

    @Test
    void meanPoolingMatchesUnpooledRows() {
        CaptureResult full = run(CaptureRequest.of("layers.1"));
        CaptureResult pooled = run(CaptureRequest.of("layers.1").withPooling(Pooling.MEAN, TokenSubset.TEXT));

        // Text positions of the sample are 3, 4 and 5 (BOS and image tokens excluded).
        float[] expected = meanOfRows(full.get("layers.1").reshape(6, TinyVlm.HIDDEN), 3, 6);
        assertArrayEquals(new long[] {1, TinyVlm.HIDDEN}, pooled.get("layers.1").shape());
        assertArrayEquals(expected, floats(pooled.get("layers.1")), TOLERANCE);
        assertEquals(PoolingSpec.of(Pooling.MEAN, TokenSubset.TEXT), pooled.capture("layers.1").pooling());
    }

    @Test
    void visionPoolingSplitsImages() {
        CaptureResult full = run(CaptureRequest.of("vision.norm"));
        CaptureResult pooled = run(CaptureRequest.of("vision.norm").withPooling(PoolingSpec.of(Pooling.MEAN)));

        INDArray rows = full.get("vision.norm");
        assertArrayEquals(new long[] {5, TinyVlm.HIDDEN}, rows.shape());
        assertArrayEquals(new int[][] {{0, 3}, {3, 5}}, full.capture("vision.norm").imageRanges());
        INDArray perImage = pooled.get("vision.norm");
        assertArrayEquals(new long[] {2, TinyVlm.HIDDEN}, perImage.shape());
        assertArrayEquals(meanOfRows(rows, 0, 3), floats(perImage.getRow(0)), TOLERANCE);
        assertArrayEquals(meanOfRows(rows, 3, 5), floats(perImage.getRow(1)), TOLERANCE);
    }

    @Test
    void overridePoolsVisionDifferently() {
        CaptureRequest request = CaptureRequest.of("vision.norm", "layers.1")
                .withPooling(Pooling.LAST, TokenSubset.TEXT)
                .withPooling("vision.**", PoolingSpec.of(Pooling.MAX));

        try (CaptureSession session = CaptureSession.open(model, request)) {
            assertEquals(PoolingSpec.of(Pooling.MAX), session.poolingFor("vision.norm"));
            assertEquals(PoolingSpec.of(Pooling.LAST, TokenSubset.TEXT), session.poolingFor("layers.1"));
            CaptureResult result = session.run(inputs);
            assertArrayEquals(new long[] {2, TinyVlm.HIDDEN}, result.get("vision.norm").shape());
            assertArrayEquals(new long[] {1, TinyVlm.HIDDEN}, result.get("layers.1").shape());
        }
    }

    @Test
    void laterOverrideWins() {
        CaptureRequest request = CaptureRequest.of("layers.*")
                .withPooling("layers.*", PoolingSpec.of(Pooling.MEAN))
                .withPooling("layers.1", PoolingSpec.of(Pooling.FIRST));

        try (CaptureSession session = CaptureSession.open(model, request)) {
            assertEquals(PoolingSpec.of(Pooling.MEAN), session.poolingFor("layers.0"));
            assertEquals(PoolingSpec.of(Pooling.FIRST), session.poolingFor("layers.1"));
        }
    }

    @Test
    void nonFloatTensorIsRejected() {
        CaptureRequest request = CaptureRequest.of("embed", "layers.0").withTarget(CaptureTarget.INPUT);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> run(request));

        assertTrue(error.getMessage().contains("'embed'"), error.getMessage());
        assertTrue(error.getMessage().contains("int64"), error.getMessage());
    }

    @Test
    void failedForwardLeavesNoHooksAndNoCaptures() {
        RecordingModel recording = new RecordingModel(model);
        Map<String, NDArray> failing = new HashMap<>();
        for (String name : inputs.names()) {
            failing.put(name, inputs.require(name));
        }
        failing.put(TinyVlm.FAIL_INPUT, inputManager.zeros(new Shape(1)));

        try (CaptureSession session = CaptureSession.open(recording, CaptureRequest.of("layers.0", "norm"))) {
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> session.run(ModelInputs.of(failing)));
            assertTrue(error.getMessage().contains("simulated failure"), error.getMessage());
            HookRegistry hooks = (HookRegistry) recording.lastHooks;
            assertEquals(0, hooks.hookCount());
            assertFalse(hooks.inForward());

            CaptureResult next = session.run(inputs);
            assertEquals(2, next.calls("norm").size());
        }
    }

    @Test
    void runLeavesNoArraysInModelManager() {
        int before = model.manager().getManagedArrays().size();

        run(CaptureRequest.of("**").withPooling("layers.*", PoolingSpec.of(Pooling.MEAN)));

        assertEquals(before, model.manager().getManagedArrays().size());
    }

    @Test
    void sameInputsGiveIdenticalCaptures() {
        CaptureRequest request = CaptureRequest.of("vision.norm", "layers.*", "norm", "head");

        CaptureResult first = run(request);
        CaptureResult second = run(request);

        assertEquals(first.captures().size(), second.captures().size());
        for (int i = 0; i < first.captures().size(); i++) {
            Capture a = first.captures().get(i);
            Capture b = second.captures().get(i);
            assertEquals(a.module(), b.module());
            assertEquals(a.data(), b.data(), a.module() + " call " + a.callIndex());
        }
    }

    @Test
    void textOnlyInputReportsVisionNotCalled() {
        Map<String, NDArray> textOnly = Map.of(
                ModelInputs.INPUT_IDS, inputManager.create(new long[] {TinyVlm.BOS, 5, 6}, new Shape(1, 3)),
                ModelInputs.ATTENTION_MASK, inputManager.ones(new Shape(1, 3), DataType.INT64));

        CaptureResult result;
        try (CaptureSession session = CaptureSession.open(model, CaptureRequest.of("vision.norm", "embed"))) {
            result = session.run(ModelInputs.of(textOnly));
        }

        assertEquals(List.of("vision.norm"), result.notCalled());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> result.get("vision.norm"));
        assertTrue(error.getMessage().contains("not called"), error.getMessage());
    }

    @Test
    void imageSubsetOnTextOnlyInputIsRejected() {
        Map<String, NDArray> textOnly = Map.of(
                ModelInputs.INPUT_IDS, inputManager.create(new long[] {TinyVlm.BOS, 5, 6}, new Shape(1, 3)),
                ModelInputs.ATTENTION_MASK, inputManager.ones(new Shape(1, 3), DataType.INT64));
        CaptureRequest request = CaptureRequest.of("embed").withPooling(Pooling.MEAN, TokenSubset.IMAGE);

        try (CaptureSession session = CaptureSession.open(model, request)) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> session.run(ModelInputs.of(textOnly)));
            assertTrue(error.getMessage().contains("input 0"), error.getMessage());
            assertTrue(error.getMessage().contains("'embed'"), error.getMessage());
        }
    }

    @Test
    void aliasSpellingSelectsAndLooksUp() {
        CaptureResult result = run(CaptureRequest.of("model.layers.*"));

        assertEquals(List.of("layers.0", "layers.1"), List.copyOf(result.modules()));
        assertEquals(result.get("layers.0"), result.get("model.layers.0"));
    }

    @Test
    void poolingOnOtherModuleFailsAtOpen() {
        CaptureRequest request = CaptureRequest.of("head").withPooling(PoolingSpec.of(Pooling.MEAN));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CaptureSession.open(model, request));

        assertTrue(error.getMessage().contains("'head'"), error.getMessage());
        assertTrue(error.getMessage().contains("pooling none"), error.getMessage());
    }

    @Test
    void textSubsetOnVisionFailsAtOpen() {
        CaptureRequest request = CaptureRequest.of("vision.norm").withPooling(Pooling.MEAN, TokenSubset.TEXT);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CaptureSession.open(model, request));

        assertTrue(error.getMessage().contains("vision module 'vision.norm'"), error.getMessage());
    }

    @Test
    void unmatchedOverrideFailsAtOpen() {
        CaptureRequest request = CaptureRequest.of("layers.0").withPooling("visual.**", PoolingSpec.of(Pooling.MEAN));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CaptureSession.open(model, request));

        assertTrue(error.getMessage().contains("'visual.**'"), error.getMessage());
    }

    @Test
    void closedSessionRejectsRun() {
        CaptureSession session = CaptureSession.open(model, CaptureRequest.of("embed"));
        session.close();
        session.close();

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> session.run(inputs));

        assertTrue(error.getMessage().contains("closed"), error.getMessage());
    }

    @Test
    void resultCarriesMetadata() {
        CaptureResult result = run(CaptureRequest.of("embed"));
        Capture capture = result.capture("embed");

        assertEquals(model.modelId(), result.modelId());
        assertEquals("tiny", result.familyId());
        assertFalse(result.libraryVersion().isBlank());
        assertEquals(DataType.FLOAT32, capture.dtype());
        assertArrayEquals(new long[][] {{1, 1, 1, 1, 1, 1}}, capture.attentionMask());
        assertEquals(TokenType.IMAGE, capture.tokenTypes()[0][1]);
    }

    @Test
    void captureReturnsCopiesOfItsArrays() {
        Capture capture = run(CaptureRequest.of("embed")).capture("embed");

        capture.attentionMask()[0][0] = 0;
        capture.shape()[0] = 99;

        assertEquals(1, capture.attentionMask()[0][0]);
        assertEquals(1, capture.shape()[0]);
    }

    private CaptureResult run(CaptureRequest request) {
        try (CaptureSession session = CaptureSession.open(model, request)) {
            return session.run(inputs);
        }
    }

    private static float[] floats(INDArray array) {
        return array.dup().data().asFloat();
    }

    /** Mean over rows start..end-1 of a 2-D array, computed in double. */
    private static float[] meanOfRows(INDArray rows, int start, int end) {
        int columns = (int) rows.size(1);
        float[] out = new float[columns];
        for (int c = 0; c < columns; c++) {
            double sum = 0;
            for (int r = start; r < end; r++) {
                sum += rows.getDouble(r, c);
            }
            out[c] = (float) (sum / (end - start));
        }
        return out;
    }

    /** x / sqrt(mean(x^2) + 1e-6) over the last axis, computed in double. */
    private static float[] rmsNorm(INDArray x) {
        float[] values = floats(x);
        int hidden = (int) x.size(x.rank() - 1);
        float[] out = new float[values.length];
        for (int start = 0; start < values.length; start += hidden) {
            double meanSquare = 0;
            for (int i = 0; i < hidden; i++) {
                meanSquare += (double) values[start + i] * values[start + i];
            }
            double scale = 1 / Math.sqrt(meanSquare / hidden + 1e-6);
            for (int i = 0; i < hidden; i++) {
                out[start + i] = (float) (values[start + i] * scale);
            }
        }
        return out;
    }

    /** Delegates to a model and keeps the hooks of the last forward pass. */
    private static final class RecordingModel implements HookedModel {
        private final HookedModel delegate;
        ForwardHooks lastHooks;

        RecordingModel(HookedModel delegate) {
            this.delegate = delegate;
        }

        @Override
        public String familyId() {
            return delegate.familyId();
        }

        @Override
        public String modelId() {
            return delegate.modelId();
        }

        @Override
        public ModuleTree modules() {
            return delegate.modules();
        }

        @Override
        public SequenceInfo forward(ModelInputs inputs, ForwardHooks hooks) {
            lastHooks = hooks;
            return delegate.forward(inputs, hooks);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
