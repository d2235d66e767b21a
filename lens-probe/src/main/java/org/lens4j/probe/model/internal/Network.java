package org.lens4j.probe.model.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.lens4j.probe.model.Activation;

/**
 * A feed-forward network {@code d → h₁ → … → h_k → outputs} in float32 with hand-written
 * backpropagation; products go through {@link Matmul}. {@code outputs = 1} is a binary model (one
 * logit, sigmoid log-loss); otherwise one logit per class with softmax cross-entropy.
 *
 * <p>Dimensions: {@code B} rows in a batch, {@code h_l} width of layer {@code l}; weights {@code
 * W_l} are row-major {@code h_{l−1} × h_l}, biases have {@code h_l} entries.
 */
public final class Network {

    private final int[] widths;
    private final float[][] weights;
    private final float[][] biases;
    private final Activation activation;

    private Network(int[] widths, float[][] weights, float[][] biases, Activation activation) {
        this.widths = widths;
        this.weights = weights;
        this.biases = biases;
        this.activation = activation;
    }

    /**
     * Creates a network; weights and biases are drawn uniform in {@code ±1/√fan_in}, or zero when
     * {@code random} is {@code null}.
     */
    public static Network create(int inputs, int[] hidden, int outputs, Activation activation,
            SplittableRandom random) {
        int layers = hidden.length + 1;
        int[] widths = new int[layers + 1];
        widths[0] = inputs;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[layers] = outputs;
        float[][] weights = new float[layers][];
        float[][] biases = new float[layers][];
        for (int l = 0; l < layers; l++) {
            weights[l] = uniform(widths[l] * widths[l + 1], widths[l], random);
            biases[l] = uniform(widths[l + 1], widths[l], random);
        }
        return new Network(widths, weights, biases, activation);
    }

    private static float[] uniform(int size, int fanIn, SplittableRandom random) {
        float[] values = new float[size];
        if (random != null) {
            double bound = 1 / Math.sqrt(fanIn);
            for (int i = 0; i < size; i++) {
                values[i] = (float) ((2 * random.nextDouble() - 1) * bound);
            }
        }
        return values;
    }

    /** Returns the parameters in the order weights₁, biases₁, weights₂, … (the live arrays). */
    public List<float[]> parameters() {
        List<float[]> parameters = new ArrayList<>();
        for (int l = 0; l < weights.length; l++) {
            parameters.add(weights[l]);
            parameters.add(biases[l]);
        }
        return parameters;
    }

    /** Returns a deep copy. */
    public Network copy() {
        float[][] w = new float[weights.length][];
        float[][] b = new float[biases.length][];
        for (int l = 0; l < weights.length; l++) {
            w[l] = weights[l].clone();
            b[l] = biases[l].clone();
        }
        return new Network(widths.clone(), w, b, activation);
    }

    /** Returns the sum of squares of all weight matrices (biases excluded). */
    public double weightNormSquared() {
        double sum = 0;
        for (float[] w : weights) {
            for (float value : w) {
                sum += (double) value * value;
            }
        }
        return sum;
    }

    /**
     * Runs the network forward.
     *
     * @param input row-major {@code B × d} features
     * @param rows {@code B}
     * @param dropout dropout probability in training, 0 for evaluation
     * @param random source of dropout masks, or {@code null} when {@code dropout = 0}
     * @return the activations needed by {@link #backward}
     */
    public Pass forward(float[] input, int rows, double dropout, SplittableRandom random) {
        int layers = weights.length;
        float[][] inputs = new float[layers][];
        float[][] preActivations = new float[layers][];
        float[][] masks = new float[layers][];
        float[] current = input;
        for (int l = 0; l < layers; l++) {
            inputs[l] = current;
            float[] z = Matmul.multiply(current, rows, widths[l], weights[l], widths[l + 1]);   // B × h_l
            addBias(z, biases[l]);
            if (l == layers - 1) {
                return new Pass(inputs, preActivations, masks, z, rows, widths[l + 1]);
            }
            float[] mask = dropout > 0 ? dropoutMask(z.length, dropout, random) : null;
            float[] post = new float[z.length];
            for (int i = 0; i < z.length; i++) {
                float value = activation == Activation.RELU ? Math.max(0f, z[i]) : (float) Gelu.value(z[i]);
                post[i] = mask == null ? value : value * mask[i];
            }
            preActivations[l] = z;
            masks[l] = mask;
            current = post;
        }
        throw new IllegalStateException("a network has at least one layer");
    }

    private static void addBias(float[] z, float[] bias) {
        int width = bias.length;
        for (int i = 0; i < z.length; i += width) {
            for (int j = 0; j < width; j++) {
                z[i + j] += bias[j];
            }
        }
    }

    private static float[] dropoutMask(int size, double dropout, SplittableRandom random) {
        float keep = (float) (1 / (1 - dropout));
        float[] mask = new float[size];
        for (int i = 0; i < size; i++) {
            mask[i] = random.nextDouble() < dropout ? 0f : keep;
        }
        return mask;
    }

    /**
     * Backpropagates {@code dLogits} (the gradient of the loss by the logits, {@code B × outputs})
     * and returns the gradients in the order of {@link #parameters()}.
     */
    public List<float[]> backward(Pass pass, float[] dLogits) {
        int layers = weights.length;
        float[][] gradients = new float[2 * layers][];
        float[] delta = dLogits;
        for (int l = layers - 1; l >= 0; l--) {
            int in = widths[l];
            int out = widths[l + 1];
            gradients[2 * l] = Matmul.multiplyTransposedLeft(pass.inputs[l], pass.rows, in, delta, out); // h_{l−1} × h_l
            gradients[2 * l + 1] = columnSums(delta, out);                                              // h_l
            if (l == 0) {
                break;
            }
            float[] back = Matmul.multiplyTransposedRight(delta, pass.rows, out, weights[l], in);       // B × h_{l−1}
            float[] pre = pass.preActivations[l - 1];
            float[] mask = pass.masks[l - 1];
            for (int i = 0; i < back.length; i++) {
                float slope = activation == Activation.RELU
                        ? (pre[i] > 0 ? 1f : 0f)
                        : (float) Gelu.derivative(pre[i]);
                back[i] *= slope * (mask == null ? 1f : mask[i]);
            }
            delta = back;
        }
        return List.of(gradients);
    }

    private static float[] columnSums(float[] matrix, int width) {
        float[] sums = new float[width];
        for (int i = 0; i < matrix.length; i += width) {
            for (int j = 0; j < width; j++) {
                sums[j] += matrix[i + j];
            }
        }
        return sums;
    }

    /** Activations of one forward pass. */
    public static final class Pass {
        private final float[][] inputs;
        private final float[][] preActivations;
        private final float[][] masks;
        private final float[] logits;
        private final int rows;
        private final int outputs;

        private Pass(float[][] inputs, float[][] preActivations, float[][] masks, float[] logits, int rows,
                int outputs) {
            this.inputs = inputs;
            this.preActivations = preActivations;
            this.masks = masks;
            this.logits = logits;
            this.rows = rows;
            this.outputs = outputs;
        }

        /** Returns the logits, row-major {@code B × outputs} (the live array). */
        public float[] logits() {
            return logits;
        }

        /** Returns the number of logits per row. */
        public int outputs() {
            return outputs;
        }
    }
}
