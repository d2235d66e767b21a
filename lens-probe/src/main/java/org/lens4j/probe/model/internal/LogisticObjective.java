package org.lens4j.probe.model.internal;

/**
 * The L2 logistic objective divided by {@code C · n}, as a function of the flat parameter vector:
 *
 * <pre>
 *   J(W, b) = (1/n) Σ_i ℓ(y_i, W x_i + b) + ‖W‖² / (2 C n)
 * </pre>
 *
 * <p>Binary ({@code classes = 2}): parameters {@code [w_0 … w_{d−1}, b]}, {@code ℓ} the log-loss
 * of {@code σ(w·x + b)} for class 1. Multinomial ({@code classes ≥ 3}): parameters are {@code K}
 * blocks {@code [w_k (d), b_k]}, {@code ℓ} the softmax cross-entropy. Dividing by {@code C · n}
 * leaves the minimiser unchanged and keeps gradients of order one.
 */
public final class LogisticObjective implements Lbfgs.Function {

    private final double[] x;
    private final int n;
    private final int d;
    private final int[] y;
    private final int classes;
    private final double penalty;

    /**
     * Creates the objective.
     *
     * @param x features, row-major {@code n × d}
     * @param d number of columns
     * @param y class index of each row
     * @param classes number of classes, at least 2
     * @param c inverse regularisation strength
     */
    public LogisticObjective(double[] x, int d, int[] y, int classes, double c) {
        this.x = x;
        this.d = d;
        this.n = y.length;
        this.y = y;
        this.classes = classes;
        this.penalty = 1.0 / (c * n);
    }

    /** Returns the number of parameters. */
    public int parameterCount() {
        return classes == 2 ? d + 1 : classes * (d + 1);
    }

    @Override
    public double evaluate(double[] theta, double[] gradient) {
        return classes == 2 ? binary(theta, gradient) : multinomial(theta, gradient);
    }

    private double binary(double[] theta, double[] gradient) {
        java.util.Arrays.fill(gradient, 0);
        double loss = 0;
        double intercept = theta[d];
        for (int i = 0; i < n; i++) {
            int offset = i * d;
            double z = intercept;
            for (int j = 0; j < d; j++) {
                z += x[offset + j] * theta[j];
            }
            double signed = y[i] == 1 ? z : -z;
            loss += softplus(-signed);
            double residual = sigmoid(z) - y[i];
            for (int j = 0; j < d; j++) {
                gradient[j] += residual * x[offset + j];
            }
            gradient[d] += residual;
        }
        double norm = 0;
        for (int j = 0; j < d; j++) {
            norm += theta[j] * theta[j];
            gradient[j] = gradient[j] / n + penalty * theta[j];
        }
        gradient[d] /= n;
        return loss / n + 0.5 * penalty * norm;
    }

    private double multinomial(double[] theta, double[] gradient) {
        java.util.Arrays.fill(gradient, 0);
        int block = d + 1;
        double[] logits = new double[classes];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            int offset = i * d;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                double z = theta[k * block + d];
                for (int j = 0; j < d; j++) {
                    z += x[offset + j] * theta[k * block + j];
                }
                logits[k] = z;
                max = Math.max(max, z);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(logits[k] - max);
            }
            double logSum = max + Math.log(sum);
            loss += logSum - logits[y[i]];
            for (int k = 0; k < classes; k++) {
                double residual = Math.exp(logits[k] - logSum) - (k == y[i] ? 1 : 0);
                for (int j = 0; j < d; j++) {
                    gradient[k * block + j] += residual * x[offset + j];
                }
                gradient[k * block + d] += residual;
            }
        }
        double norm = 0;
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < d; j++) {
                double w = theta[k * block + j];
                norm += w * w;
                gradient[k * block + j] = gradient[k * block + j] / n + penalty * w;
            }
            gradient[k * block + d] /= n;
        }
        return loss / n + 0.5 * penalty * norm;
    }

    /** Returns {@code log(1 + e^t)} without overflow. */
    public static double softplus(double t) {
        return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
    }

    /** Returns {@code 1 / (1 + e^{−t})} without overflow. */
    public static double sigmoid(double t) {
        if (t >= 0) {
            return 1 / (1 + Math.exp(-t));
        }
        double e = Math.exp(t);
        return e / (1 + e);
    }
}
