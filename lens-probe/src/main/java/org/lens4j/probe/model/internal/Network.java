package org.lens4j.probe.model.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.lens4j.probe.model.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A feed-forward network {@code d → h₁ → … → h_k → outputs} in float32 on ND4J, with hand-written
 * backpropagation. {@code outputs = 1} is a binary model (one logit, sigmoid log-loss); otherwise
 * one logit per class with softmax cross-entropy.
 *
 * <p>Dimensions: {@code B} rows in a batch, {@code h_l} width of layer {@code l}; weights {@code
 * W_l} are {@code h_{l−1} × h_l}, biases {@code 1 × h_l}.
 */
public final class Network {

    private final List<INDArray> weights;
    private final List<INDArray> biases;
    private final Activation activation;

    private Network(List<INDArray> weights, List<INDArray> biases, Activation activation) {
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
        List<INDArray> weights = new ArrayList<>();
        List<INDArray> biases = new ArrayList<>();
        int fanIn = inputs;
        for (int l = 0; l <= hidden.length; l++) {
            int fanOut = l < hidden.length ? hidden[l] : outputs;
            weights.add(uniform(fanIn, fanOut, fanIn, random));
            biases.add(uniform(1, fanOut, fanIn, random));
            fanIn = fanOut;
        }
        return new Network(weights, biases, activation);
    }

    private static INDArray uniform(int rows, int columns, int fanIn, SplittableRandom random) {
        float[] values = new float[rows * columns];
        if (random != null) {
            double bound = 1 / Math.sqrt(fanIn);
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((2 * random.nextDouble() - 1) * bound);
            }
        }
        return Nd4j.create(values, new long[] {rows, columns}, DataType.FLOAT);
    }

    /** Returns the number of layers with weights (hidden layers + 1). */
    public int layerCount() {
        return weights.size();
    }

    /** Returns the parameters in the order weights₁, biases₁, weights₂, … (the live arrays). */
    public List<INDArray> parameters() {
        List<INDArray> parameters = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            parameters.add(weights.get(l));
            parameters.add(biases.get(l));
        }
        return parameters;
    }

    /** Returns a deep copy. */
    public Network copy() {
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            w.add(weights.get(l).dup());
            b.add(biases.get(l).dup());
        }
        return new Network(w, b, activation);
    }

    /** Returns the sum of squares of all weight matrices (biases excluded). */
    public double weightNormSquared() {
        double sum = 0;
        for (INDArray w : weights) {
            double norm = w.norm2Number().doubleValue();
            sum += norm * norm;
        }
        return sum;
    }

    /**
     * Runs the network forward.
     *
     * @param input {@code B × d} features
     * @param dropout dropout probability in training, 0 for evaluation
     * @param random source of dropout masks, or {@code null} when {@code dropout = 0}
     * @return the cached activations needed by {@link #backward}
     */
    public Pass forward(INDArray input, double dropout, SplittableRandom random) {
        List<INDArray> inputs = new ArrayList<>();
        List<float[]> preActivations = new ArrayList<>();
        List<float[]> masks = new ArrayList<>();
        INDArray current = input;
        for (int l = 0; l < weights.size(); l++) {
            inputs.add(current);
            INDArray z = current.mmul(weights.get(l)).addiRowVector(biases.get(l));   // B × h_l
            if (l == weights.size() - 1) {
                return new Pass(inputs, preActivations, masks, rowMajor(z), (int) z.rows(), (int) z.columns());
            }
            float[] pre = rowMajor(z);
            float[] post = new float[pre.length];
            float[] mask = dropout > 0 ? dropoutMask(pre.length, dropout, random) : null;
            for (int i = 0; i < pre.length; i++) {
                float value = activation == Activation.RELU ? Math.max(0f, pre[i]) : (float) Gelu.value(pre[i]);
                post[i] = mask == null ? value : value * mask[i];
            }
            preActivations.add(pre);
            masks.add(mask);
            current = Nd4j.create(post, z.shape(), DataType.FLOAT);
        }
        throw new IllegalStateException("a network has at least one layer");
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
    public List<INDArray> backward(Pass pass, float[] dLogits) {
        int layers = weights.size();
        INDArray[] gradients = new INDArray[2 * layers];
        INDArray delta = Nd4j.create(dLogits, new long[] {pass.rows, pass.columns}, DataType.FLOAT);
        for (int l = layers - 1; l >= 0; l--) {
            INDArray input = pass.inputs.get(l);
            gradients[2 * l] = input.transpose().mmul(delta);                 // h_{l−1} × h_l
            gradients[2 * l + 1] = delta.sum(true, 0);                        // 1 × h_l
            if (l == 0) {
                break;
            }
            INDArray back = delta.mmul(weights.get(l).transpose());          // B × h_{l−1}
            float[] values = rowMajor(back);
            float[] pre = pass.preActivations.get(l - 1);
            float[] mask = pass.masks.get(l - 1);
            for (int i = 0; i < values.length; i++) {
                float slope = activation == Activation.RELU
                        ? (pre[i] > 0 ? 1f : 0f)
                        : (float) Gelu.derivative(pre[i]);
                values[i] *= slope * (mask == null ? 1f : mask[i]);
            }
            delta = Nd4j.create(values, back.shape(), DataType.FLOAT);
        }
        return List.of(gradients);
    }

    /** Returns the values of a 2-D float array in row-major order (ND4J's mmul returns column-major results). */
    static float[] rowMajor(INDArray array) {
        return array.dup('c').data().asFloat();
    }

    /** Activations of one forward pass. */
    public static final class Pass {
        private final List<INDArray> inputs;
        private final List<float[]> preActivations;
        private final List<float[]> masks;
        private final float[] logits;
        private final int rows;
        private final int columns;

        private Pass(List<INDArray> inputs, List<float[]> preActivations, List<float[]> masks, float[] logits,
                int rows, int columns) {
            this.inputs = inputs;
            this.preActivations = preActivations;
            this.masks = masks;
            this.logits = logits;
            this.rows = rows;
            this.columns = columns;
        }

        /** Returns the logits, row-major {@code B × outputs} (the live array). */
        public float[] logits() {
            return logits;
        }

        /** Returns the number of logits per row. */
        public int outputs() {
            return columns;
        }
    }
}
