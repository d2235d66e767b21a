package org.lens4j.probe.model.internal;

/**
 * Log-loss of logits and its gradient. One logit per row means binary ({@code σ(z)} is the
 * probability of class 1); several mean softmax over classes.
 */
public final class Loss {

    private Loss() {
    }

    /**
     * Returns the mean log-loss over the rows and, if {@code gradient} is not null, writes the
     * gradient of that mean by the logits into it.
     *
     * @param logits row-major {@code B × outputs}
     * @param outputs logits per row
     * @param targets class index per row
     * @param gradient row-major {@code B × outputs}, or {@code null}
     */
    public static double mean(float[] logits, int outputs, int[] targets, float[] gradient) {
        int rows = targets.length;
        double total = 0;
        for (int i = 0; i < rows; i++) {
            if (outputs == 1) {
                double z = logits[i];
                total += LogisticObjective.softplus(targets[i] == 1 ? -z : z);
                if (gradient != null) {
                    gradient[i] = (float) ((LogisticObjective.sigmoid(z) - targets[i]) / rows);
                }
                continue;
            }
            int offset = i * outputs;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < outputs; k++) {
                max = Math.max(max, logits[offset + k]);
            }
            double sum = 0;
            for (int k = 0; k < outputs; k++) {
                sum += Math.exp(logits[offset + k] - max);
            }
            double logSum = max + Math.log(sum);
            total += logSum - logits[offset + targets[i]];
            if (gradient != null) {
                for (int k = 0; k < outputs; k++) {
                    double p = Math.exp(logits[offset + k] - logSum);
                    gradient[offset + k] = (float) ((p - (k == targets[i] ? 1 : 0)) / rows);
                }
            }
        }
        return total / rows;
    }

    /** Returns class probabilities from logits, {@code B × classes} (2 classes when {@code outputs = 1}). */
    public static double[][] probabilities(float[] logits, int outputs, int rows) {
        int classes = outputs == 1 ? 2 : outputs;
        double[][] probabilities = new double[rows][classes];
        for (int i = 0; i < rows; i++) {
            if (outputs == 1) {
                double p = LogisticObjective.sigmoid(logits[i]);
                probabilities[i][0] = 1 - p;
                probabilities[i][1] = p;
                continue;
            }
            int offset = i * outputs;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < outputs; k++) {
                max = Math.max(max, logits[offset + k]);
            }
            double sum = 0;
            for (int k = 0; k < outputs; k++) {
                probabilities[i][k] = Math.exp(logits[offset + k] - max);
                sum += probabilities[i][k];
            }
            for (int k = 0; k < outputs; k++) {
                probabilities[i][k] /= sum;
            }
        }
        return probabilities;
    }
}
