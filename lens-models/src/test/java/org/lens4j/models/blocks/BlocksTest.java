package org.lens4j.models.blocks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.ForwardHooks;

class BlocksTest {

    /** Float32 evaluation of the same formulas; measured differences are below 1e-6. */
    private static final float TOLERANCE = 1e-5f;

    private static final float[] SAMPLES = {-3f, -1f, -0.25f, 0f, 0.5f, 2f};

    @Test
    void geluTanhMatchesFormula() {
        try (NDManager manager = LensRuntime.newManager()) {
            float[] out = Activation.GELU_TANH.apply(manager.create(SAMPLES)).toFloatArray();

            for (int i = 0; i < SAMPLES.length; i++) {
                double x = SAMPLES[i];
                double expected = 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
                assertEquals(expected, out[i], TOLERANCE, "x = " + x);
            }
        }
    }

    @Test
    void quickGeluAndSiluMatchFormulas() {
        try (NDManager manager = LensRuntime.newManager()) {
            float[] quick = Activation.QUICK_GELU.apply(manager.create(SAMPLES)).toFloatArray();
            float[] silu = Activation.SILU.apply(manager.create(SAMPLES)).toFloatArray();

            for (int i = 0; i < SAMPLES.length; i++) {
                double x = SAMPLES[i];
                assertEquals(x / (1 + Math.exp(-1.702 * x)), quick[i], TOLERANCE, "quick_gelu x = " + x);
                assertEquals(x / (1 + Math.exp(-x)), silu[i], TOLERANCE, "silu x = " + x);
            }
        }
    }

    @Test
    void unknownHiddenActIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Activation.fromHiddenAct("mish"));

        assertTrue(e.getMessage().contains("mish"), e.getMessage());
        assertTrue(e.getMessage().contains("silu"), e.getMessage());
    }

    @Test
    void rmsNormUnitOffsetAddsOne() {
        try (NDManager manager = LensRuntime.newManager()) {
            WeightSource weights = constant(0.5f);
            RmsNorm norm = RmsNorm.loadUnitOffset(weights, manager, "norm", 2, 0.0);

            float[] out = norm.apply(manager.create(new float[] {3f, 4f}, new Shape(1, 2))).toFloatArray();

            double rms = Math.sqrt((9 + 16) / 2.0);
            assertEquals(1.5 * 3 / rms, out[0], TOLERANCE);
            assertEquals(1.5 * 4 / rms, out[1], TOLERANCE);
        }
    }

    @Test
    void layerNormWithoutBiasCentersAndScales() {
        try (NDManager manager = LensRuntime.newManager()) {
            LayerNorm norm = LayerNorm.load(constant(2f), manager, "ln", 3, 0.0, false);

            float[] out = norm.apply(manager.create(new float[] {1f, 2f, 3f})).toFloatArray();

            double std = Math.sqrt(2.0 / 3.0);
            assertArrayEquals(new float[] {(float) (-2 / std), 0f, (float) (2 / std)}, out, TOLERANCE);
        }
    }

    @Test
    void causalMaskHidesFutureAndPadding() {
        try (NDManager manager = LensRuntime.newManager()) {
            float[] mask = Masks.causalWithPadding(manager, new long[][] {{0, 1, 1}}).toFloatArray();

            float m = Attention.MASKED;
            assertArrayEquals(new float[] {m, m, m, m, 0, m, m, 0, 0}, mask, 0f);
        }
    }

    @Test
    void groupedAttentionEqualsRepeatedHeads() {
        try (NDManager manager = LensRuntime.newManager()) {
            NDArray query = manager.randomNormal(new Shape(2, 4, 3, 5));
            NDArray key = manager.randomNormal(new Shape(2, 2, 3, 5));
            NDArray value = manager.randomNormal(new Shape(2, 2, 3, 5));
            NDArray mask = Masks.causalWithPadding(manager, new long[][] {{1, 1, 1}, {0, 1, 1}});

            NDArray grouped = Attention.scaledDotProduct(query, key, value, mask, 0.5f);
            NDArray repeated = Attention.scaledDotProduct(query, key.repeat(1, 2), value.repeat(1, 2), mask, 0.5f);

            // repeat(1, 2) repeats each head in place (h0 h0 h1 h1), the grouping transformers uses.
            assertArrayEquals(repeated.toFloatArray(), grouped.toFloatArray(), TOLERANCE);
        }
    }

    @Test
    void chunkedAttentionEqualsWhole() {
        try (NDManager manager = LensRuntime.newManager()) {
            NDArray query = manager.randomNormal(new Shape(2, 4, 7, 5));
            NDArray key = manager.randomNormal(new Shape(2, 2, 7, 5));
            NDArray value = manager.randomNormal(new Shape(2, 2, 7, 5));
            NDArray mask = Masks.causalWithPadding(manager, new long[][] {{1, 1, 1, 1, 1, 1, 1}, {0, 0, 1, 1, 1, 1, 1}});

            NDArray whole = Attention.scaledDotProduct(query, key, value, mask, 0.5f);
            NDArray chunked = Attention.scaledDotProduct(query, key, value, mask, 0.5f, 2 * 4 * 7 * 3);

            assertArrayEquals(whole.toFloatArray(), chunked.toFloatArray(), TOLERANCE);
        }
    }

    @Test
    void fullyMaskedRowStaysFinite() {
        try (NDManager manager = LensRuntime.newManager()) {
            NDArray query = manager.randomNormal(new Shape(1, 1, 2, 4));
            NDArray key = manager.randomNormal(new Shape(1, 1, 2, 4));
            NDArray mask = Masks.causalWithPadding(manager, new long[][] {{0, 1}});

            float[] out = Attention.scaledDotProduct(query, key, key, mask, 1f).toFloatArray();

            for (float v : out) {
                assertTrue(Float.isFinite(v), "attention output " + v);
            }
        }
    }

    @Test
    void linearReportsInputAndOutput() {
        try (NDManager manager = LensRuntime.newManager()) {
            Linear linear = Linear.load(constant(1f), manager, "proj", 2, 3, true);
            String[] seen = new String[2];
            ForwardHooks hooks = new ForwardHooks() {
                @Override
                public boolean isHooked(String module) {
                    return true;
                }

                @Override
                public void onInput(String module, NDArray input) {
                    seen[0] = module + input.getShape();
                }

                @Override
                public void onOutput(String module, NDArray output) {
                    seen[1] = module + output.getShape();
                }
            };

            float[] out = linear.forward(manager.create(new float[] {1f, 2f}, new Shape(1, 2)), hooks).toFloatArray();

            assertArrayEquals(new float[] {4f, 4f, 4f}, out, 0f);
            assertArrayEquals(new String[] {"proj(1, 2)", "proj(1, 3)"}, seen);
        }
    }

    @Test
    void scopeStepClosesIntermediates() {
        try (NDManager manager = LensRuntime.newManager()) {
            NDArray x = manager.ones(new Shape(4));
            int before = manager.getManagedArrays().size();

            NDArray y = Scopes.step(x, in -> in.add(1f).mul(2f).sub(1f));

            assertEquals(before + 1, manager.getManagedArrays().size());
            assertEquals(manager, y.getManager());
            assertEquals(manager, x.getManager());
            assertArrayEquals(new float[] {3f, 3f, 3f, 3f}, y.toFloatArray(), 0f);
        }
    }

    /** Returns a source that fills every tensor with one value. */
    private static WeightSource constant(float value) {
        return new WeightSource() {
            @Override
            public NDArray load(NDManager manager, String name, Shape shape, WeightInit init) {
                return manager.full(shape, value);
            }

            @Override
            public boolean contains(String name) {
                return true;
            }

            @Override
            public String description() {
                return "constant " + value;
            }
        };
    }
}
