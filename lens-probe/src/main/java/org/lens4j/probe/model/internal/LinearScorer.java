package org.lens4j.probe.model.internal;

/**
 * A linear model: binary (one weight vector {@code w}, probability of class 1 {@code σ(w·x + b)})
 * or multinomial (one weight vector per class, softmax).
 *
 * @param weights {@code outputs × d}, one row per output
 * @param intercepts one per output
 */
public record LinearScorer(double[][] weights, double[] intercepts) implements Scorer {

    /** Returns the decision values {@code W x + b}, {@code rows × outputs}. */
    public double[][] decisionValues(double[] x, int rows) {
        int outputs = weights.length;
        int d = weights[0].length;
        double[][] values = new double[rows][outputs];
        for (int i = 0; i < rows; i++) {
            int offset = i * d;
            for (int k = 0; k < outputs; k++) {
                double z = intercepts[k];
                double[] w = weights[k];
                for (int j = 0; j < d; j++) {
                    z += w[j] * x[offset + j];
                }
                values[i][k] = z;
            }
        }
        return values;
    }

    @Override
    public double[][] probabilities(double[] x, int rows) {
        double[][] values = decisionValues(x, rows);
        int outputs = weights.length;
        if (outputs == 1) {
            double[][] probabilities = new double[rows][2];
            for (int i = 0; i < rows; i++) {
                double p = LogisticObjective.sigmoid(values[i][0]);
                probabilities[i][0] = 1 - p;
                probabilities[i][1] = p;
            }
            return probabilities;
        }
        double[][] probabilities = new double[rows][outputs];
        for (int i = 0; i < rows; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < outputs; k++) {
                max = Math.max(max, values[i][k]);
            }
            double sum = 0;
            for (int k = 0; k < outputs; k++) {
                probabilities[i][k] = Math.exp(values[i][k] - max);
                sum += probabilities[i][k];
            }
            for (int k = 0; k < outputs; k++) {
                probabilities[i][k] /= sum;
            }
        }
        return probabilities;
    }
}
