package org.lens4j.probe.model.internal;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Batched approximate Newton steps for many binary kernel logistic problems on one Gram matrix,
 * used to bring each problem near its optimum before the exact steps of {@link KernelNewton}.
 *
 * <p>The exact Newton system of {@link KernelNewton} needs a factorisation per problem and
 * iteration because {@code W = diag(p(1−p))} differs per row. Replacing {@code W} by {@code ωI},
 * with {@code ω} the mean of {@code W} of that problem, gives the system
 *
 * <pre>
 *   (ωK + λI) δα = −(r + ω δb 1),    ω 1ᵀ(K δα + δb 1) = −1ᵀ(p − y),
 * </pre>
 *
 * <p>which the eigendecomposition {@code K = U Λ Uᵀ} (computed once) solves for all problems with
 * three matrix products of {@code n × n} by {@code n × B}. Its matrix is positive semi-definite, so
 * the step descends; it is halved per problem until the Armijo condition holds. Steps converge
 * linearly, fast while the rows' weights are alike, which is why exact Newton steps finish.
 *
 * <p>Layout: problem {@code k} is column {@code k} of row-major {@code n × B} arrays.
 */
public final class KernelWarmStart {

    private static final double ARMIJO = 1e-4;
    private static final int MAX_HALVINGS = 30;

    private final int n;
    private final double lambda;
    private final double[] vectors;
    private final double[] values;
    private final double[] onesInBasis;

    /**
     * Decomposes {@code gram}.
     *
     * @param gram {@code K}, row-major {@code n × n}, symmetric
     * @param n size
     * @param c inverse regularisation strength
     */
    public KernelWarmStart(double[] gram, int n, double c) {
        this.n = n;
        this.lambda = 1 / c;
        double[][] rows = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(gram, i * n, rows[i], 0, n);
        }
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(rows, false));
        RealMatrix v = eigen.getV();
        this.vectors = new double[n * n];
        this.values = new double[n];
        this.onesInBasis = new double[n];
        for (int j = 0; j < n; j++) {
            values[j] = Math.max(0, eigen.getRealEigenvalue(j));
            for (int i = 0; i < n; i++) {
                double entry = v.getEntry(i, j);
                vectors[i * n + j] = entry;
                onesInBasis[j] += entry;
            }
        }
    }

    /**
     * Runs up to {@code iterations} batched steps from {@code α = 0}, {@code b = logit(mean y)}.
     *
     * @param targets 0/1 labels of every problem, {@code B} arrays of {@code n}
     * @param stopResidual stop a problem once {@code max|p − y + λα|} is at most this
     * @return per problem {@code [α_0 … α_{n−1}, b]}
     */
    public double[][] run(int[][] targets, int iterations, double stopResidual) {
        int problems = targets.length;
        double[] alpha = new double[n * problems];
        double[] f = new double[n * problems];
        double[] intercept = new double[problems];
        for (int k = 0; k < problems; k++) {
            double positives = 0;
            for (int label : targets[k]) {
                positives += label;
            }
            double mean = Math.min(Math.max(positives / n, 1e-12), 1 - 1e-12);
            intercept[k] = Math.log(mean / (1 - mean));
            for (int i = 0; i < n; i++) {
                f[i * problems + k] = intercept[k];
            }
        }

        double[] residual = new double[n * problems];
        double[] sums = new double[problems];
        double[] omega = new double[problems];
        boolean[] active = new boolean[problems];
        for (int iteration = 0; iteration < iterations; iteration++) {
            int activeCount = residuals(targets, alpha, f, residual, sums, omega, active, stopResidual);
            if (activeCount == 0) {
                break;
            }
            double[] rho = Matmul64.multiplyTransposedLeft(vectors, n, n, residual, problems);     // n × B
            double[] stepInBasis = new double[n * 2 * problems];                                     // n × 2B
            double[] deltaB = new double[problems];
            double[] slope = new double[problems];
            solveInBasis(rho, sums, omega, active, problems, stepInBasis, deltaB, slope);
            double[] back = Matmul64.multiply(vectors, n, n, stepInBasis, 2 * problems);            // n × 2B
            lineSearch(targets, alpha, f, intercept, back, deltaB, slope, active, problems);
        }

        double[][] result = new double[problems][n + 1];
        for (int k = 0; k < problems; k++) {
            for (int i = 0; i < n; i++) {
                result[k][i] = alpha[i * problems + k];
            }
            result[k][n] = intercept[k];
        }
        return result;
    }

    private int residuals(int[][] targets, double[] alpha, double[] f, double[] residual, double[] sums,
            double[] omega, boolean[] active, double stopResidual) {
        int problems = targets.length;
        java.util.Arrays.fill(sums, 0);
        java.util.Arrays.fill(omega, 0);
        double[] maxResidual = new double[problems];
        for (int i = 0; i < n; i++) {
            int row = i * problems;
            for (int k = 0; k < problems; k++) {
                double p = LogisticObjective.sigmoid(f[row + k]);
                double difference = p - targets[k][i];
                double r = difference + lambda * alpha[row + k];
                residual[row + k] = r;
                sums[k] += difference;
                omega[k] += p * LogisticObjective.sigmoid(-f[row + k]);
                maxResidual[k] = Math.max(maxResidual[k], Math.abs(r));
            }
        }
        int count = 0;
        for (int k = 0; k < problems; k++) {
            omega[k] = Math.max(omega[k] / n, 1e-12);
            active[k] = maxResidual[k] > stopResidual || Math.abs(sums[k]) / n > stopResidual;
            count += active[k] ? 1 : 0;
        }
        return count;
    }

    /** Fills columns {@code k} (δα in the basis) and {@code B + k} (Λ δα in the basis) of {@code step}. */
    private void solveInBasis(double[] rho, double[] sums, double[] omega, boolean[] active, int problems,
            double[] step, double[] deltaB, double[] slope) {
        int width = 2 * problems;
        for (int k = 0; k < problems; k++) {
            if (!active[k]) {
                continue;
            }
            double w = omega[k];
            double quadratic = 0;
            double linear = 0;
            for (int j = 0; j < n; j++) {
                double denominator = w * values[j] + lambda;
                quadratic += onesInBasis[j] * onesInBasis[j] * values[j] / denominator;
                linear += onesInBasis[j] * values[j] * rho[j * problems + k] / denominator;
            }
            double db = (-sums[k] / w + linear) / (n - w * quadratic);
            double directional = sums[k] * db;
            for (int j = 0; j < n; j++) {
                double denominator = w * values[j] + lambda;
                double coefficient = -(rho[j * problems + k] + w * db * onesInBasis[j]) / denominator;
                step[j * width + k] = coefficient;
                step[j * width + problems + k] = values[j] * coefficient;
                directional += rho[j * problems + k] * values[j] * coefficient;
            }
            deltaB[k] = db;
            slope[k] = directional;
        }
    }

    private void lineSearch(int[][] targets, double[] alpha, double[] f, double[] intercept, double[] back,
            double[] deltaB, double[] slope, boolean[] active, int problems) {
        int width = 2 * problems;
        for (int k = 0; k < problems; k++) {
            if (!active[k] || !(slope[k] < 0)) {
                continue;
            }
            double current = objective(targets[k], alpha, f, intercept[k], back, deltaB[k], 0, k, problems, width);
            double step = 1;
            for (int halving = 0; halving < MAX_HALVINGS; halving++) {
                double trial = objective(targets[k], alpha, f, intercept[k], back, deltaB[k], step, k, problems, width);
                if (trial <= current + ARMIJO * step * slope[k]) {
                    break;
                }
                step /= 2;
            }
            for (int i = 0; i < n; i++) {
                alpha[i * problems + k] += step * back[i * width + k];
                f[i * problems + k] += step * (back[i * width + problems + k] + deltaB[k]);
            }
            intercept[k] += step * deltaB[k];
        }
    }

    /** Returns {@code J} of problem {@code k} at step {@code t} along its direction. */
    private double objective(int[] y, double[] alpha, double[] f, double b, double[] back, double deltaB, double t,
            int k, int problems, int width) {
        double loss = 0;
        double quadratic = 0;
        double newB = b + t * deltaB;
        for (int i = 0; i < n; i++) {
            double fi = f[i * problems + k] + t * (back[i * width + problems + k] + deltaB);
            double ai = alpha[i * problems + k] + t * back[i * width + k];
            loss += LogisticObjective.softplus(y[i] == 1 ? -fi : fi);
            quadratic += ai * (fi - newB);
        }
        return loss + 0.5 * lambda * quadratic;
    }
}
