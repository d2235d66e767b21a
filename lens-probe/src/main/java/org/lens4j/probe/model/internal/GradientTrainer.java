package org.lens4j.probe.model.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.lens4j.probe.model.Activation;
import org.lens4j.probe.model.Optimizer;

/**
 * Trains a {@link Network} with Adam or AdamW on the mean log-loss plus an optional L2 term
 * {@code ½ · l2 · ‖W‖²} on the weight matrices, full-batch or mini-batch, with optional early
 * stopping on validation rows. The main and every control probe go through this one loop.
 */
public final class GradientTrainer {

    /** A trained network with its loss curves. */
    public record Outcome(Network network, double[] trainLoss, double[] validationLoss, int bestEpoch,
            boolean stoppedEarly) {
    }

    /** Rows to train or validate on: row-major float features and class indices. */
    public record Rows(float[] x, int d, int[] y) {

        /** Returns the features of the subset {@code rows}, row-major. */
        float[] features(int[] rows) {
            float[] subset = new float[rows.length * d];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(x, rows[i] * d, subset, i * d, d);
            }
            return subset;
        }
    }

    private final int[] hidden;
    private final Activation activation;
    private final double dropout;
    private final Optimizer optimizer;
    private final double l2;
    private final boolean randomInit;

    /**
     * Creates a trainer.
     *
     * @param hidden hidden layer widths
     * @param activation hidden activation
     * @param dropout dropout probability
     * @param optimizer Adam/AdamW settings
     * @param l2 coefficient of {@code ½ · l2 · ‖W‖²} added to the mean loss (0 for none)
     * @param randomInit whether to draw initial weights (otherwise zeros, for the convex logistic case)
     */
    public GradientTrainer(int[] hidden, Activation activation, double dropout, Optimizer optimizer, double l2,
            boolean randomInit) {
        this.hidden = hidden.clone();
        this.activation = activation;
        this.dropout = dropout;
        this.optimizer = optimizer;
        this.l2 = l2;
        this.randomInit = randomInit;
    }

    /**
     * Trains on {@code train}, validating on {@code validation} if it is not null.
     *
     * @param outputs 1 for binary, else the number of classes
     * @param seed seed of initialisation, batch order and dropout masks
     */
    public Outcome train(Rows train, Rows validation, int outputs, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom initRandom = root.split();
        SplittableRandom orderRandom = root.split();
        SplittableRandom dropoutRandom = root.split();
        Network network = Network.create(train.d(), hidden, outputs, activation, randomInit ? initRandom : null);
        List<float[]> parameters = network.parameters();
        List<float[]> firstMoments = zerosLike(parameters);
        List<float[]> secondMoments = zerosLike(parameters);

        int n = train.y().length;
        int batch = optimizer.batchSize() == 0 ? n : Math.min(optimizer.batchSize(), n);
        float[] fullX = batch == n ? train.x() : null;
        int patience = optimizer.earlyStoppingSettings().map(e -> e.patience()).orElse(Integer.MAX_VALUE);
        double[] trainLoss = new double[optimizer.epochs()];
        double[] validationLoss = validation == null ? null : new double[optimizer.epochs()];
        Network best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        int step = 0;
        int epoch = 0;
        boolean stoppedEarly = false;
        while (epoch < optimizer.epochs()) {
            int[] order = batch == n ? identity(n) : shuffled(n, orderRandom);
            double lossSum = 0;
            for (int start = 0; start < n; start += batch) {
                int[] rows = Arrays.copyOfRange(order, start, Math.min(n, start + batch));
                float[] x = fullX != null ? fullX : train.features(rows);
                int[] y = new int[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    y[i] = train.y()[rows[i]];
                }
                step++;
                lossSum += step(network, parameters, firstMoments, secondMoments, x, y, step, dropoutRandom)
                        * rows.length;
            }
            trainLoss[epoch] = lossSum / n;
            if (validation != null) {
                double loss = evaluate(network, validation);
                validationLoss[epoch] = loss;
                if (loss < bestLoss) {
                    bestLoss = loss;
                    bestEpoch = epoch;
                    best = network.copy();
                } else if (epoch - bestEpoch >= patience) {
                    epoch++;
                    stoppedEarly = true;
                    break;
                }
            }
            epoch++;
        }
        Network result = best != null && optimizer.earlyStoppingSettings().isPresent() ? best : network;
        return new Outcome(result, Arrays.copyOf(trainLoss, epoch),
                validationLoss == null ? null : Arrays.copyOf(validationLoss, epoch), bestEpoch, stoppedEarly);
    }

    /** Returns the mean log-loss of {@code network} on {@code rows}, without dropout or penalty terms. */
    public double evaluate(Network network, Rows rows) {
        Network.Pass pass = network.forward(rows.x(), rows.y().length, 0, null);
        return Loss.mean(pass.logits(), pass.outputs(), rows.y(), null);
    }

    private double step(Network network, List<float[]> parameters, List<float[]> firstMoments,
            List<float[]> secondMoments, float[] x, int[] y, int t, SplittableRandom dropoutRandom) {
        Network.Pass pass = network.forward(x, y.length, dropout, dropout > 0 ? dropoutRandom : null);
        float[] dLogits = new float[pass.logits().length];
        double loss = Loss.mean(pass.logits(), pass.outputs(), y, dLogits);
        boolean penalised = l2 > 0;
        if (penalised) {
            loss += 0.5 * l2 * network.weightNormSquared();
        }
        List<float[]> gradients = network.backward(pass, dLogits);

        double beta1 = optimizer.beta1();
        double beta2 = optimizer.beta2();
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        double lr = optimizer.learningRate();
        double decay = optimizer.weightDecay();
        double epsilon = optimizer.epsilon();
        boolean decoupled = optimizer.kind() == Optimizer.Kind.ADAMW;
        for (int p = 0; p < parameters.size(); p++) {
            boolean isWeight = p % 2 == 0;
            double coupled = 0;
            double shrink = 1;
            if (isWeight) {
                coupled = penalised ? l2 : 0;
                if (decoupled) {
                    shrink = 1 - lr * decay;
                } else {
                    coupled += decay;
                }
            }
            float[] theta = parameters.get(p);
            float[] g = gradients.get(p);
            float[] m = firstMoments.get(p);
            float[] v = secondMoments.get(p);
            for (int i = 0; i < theta.length; i++) {
                double gradient = g[i] + coupled * theta[i];
                double first = beta1 * m[i] + (1 - beta1) * gradient;
                double second = beta2 * v[i] + (1 - beta2) * gradient * gradient;
                m[i] = (float) first;
                v[i] = (float) second;
                double update = lr * (first / correction1) / (Math.sqrt(second / correction2) + epsilon);
                theta[i] = (float) (theta[i] * shrink - update);
            }
        }
        return loss;
    }

    private static List<float[]> zerosLike(List<float[]> arrays) {
        List<float[]> zeros = new ArrayList<>();
        for (float[] array : arrays) {
            zeros.add(new float[array.length]);
        }
        return zeros;
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        return order;
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] order = identity(n);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
