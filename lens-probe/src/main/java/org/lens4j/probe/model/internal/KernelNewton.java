package org.lens4j.probe.model.internal;

/**
 * Damped Newton for binary L2 logistic regression in kernel form.
 *
 * <p>With {@code w = Xᵀα}, decision values {@code f = Kα + b} ({@code K = XXᵀ}) and {@code λ = 1/C},
 * the objective is {@code J = Σ_i ℓ(y_i, f_i) + (λ/2) αᵀKα}, the primal objective restricted to
 * the row space of {@code X}, where its optimum lies. With {@code p = σ(f)}, {@code W = diag(p(1−p))},
 * {@code D = W^½} and the residual {@code r = p − y + λα}, the Newton equations reduce to
 *
 * <pre>
 *   (λI + DKD) u = −DKr + λ δb D1,    δα = −(r + Du) / λ,    1ᵀDu = −1ᵀ(p − y),
 * </pre>
 *
 * <p>solved with one Cholesky factorisation of {@code λI + DKD} (eigenvalues at least {@code λ})
 * and two right-hand sides. These are the primal Newton steps mapped through {@code w = Xᵀα}, so
 * the iterates, and the optimum, equal the primal ones. Steps are halved until the Armijo
 * condition holds. Convergence: {@code max|r_i| ≤ tol} and {@code |Σ(p − y)| / n ≤ tol}, which
 * makes the primal gradient {@code Xᵀr} vanish.
 */
public final class KernelNewton {

    /** A solution: dual coefficients, intercept, training decision values and convergence facts. */
    public record Solution(double[] alpha, double intercept, double[] decisionValues, int iterations,
            boolean converged) {
    }

    private static final double ARMIJO = 1e-4;
    private static final int MAX_HALVINGS = 50;

    private final double lambda;
    private final double tolerance;
    private final int maxIterations;

    /**
     * Creates a solver.
     *
     * @param c inverse regularisation strength
     * @param tolerance convergence tolerance on the residual
     * @param maxIterations Newton iteration limit
     */
    public KernelNewton(double c, double tolerance, int maxIterations) {
        this.lambda = 1 / c;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /**
     * Solves one problem.
     *
     * @param gram {@code K}, row-major {@code n × n}, symmetric
     * @param y labels in {0, 1}
     * @param work scratch space from {@link #workspace(int)}, reused between calls of one thread
     * @param start {@code [α_0 … α_{n−1}, b]} to start from, or {@code null} for {@code α = 0} and
     *     {@code b = logit(mean y)}
     */
    public Solution solve(double[] gram, int[] y, double[][] work, double[] start) {
        int n = y.length;
        double[] alpha = new double[n];
        double[] f = new double[n];
        double b;
        if (start == null) {
            double positives = 0;
            for (int label : y) {
                positives += label;
            }
            double mean = Math.min(Math.max(positives / n, 1e-12), 1 - 1e-12);
            b = Math.log(mean / (1 - mean));
        } else {
            System.arraycopy(start, 0, alpha, 0, n);
            b = start[n];
            multiply(gram, alpha, f, n);
        }
        for (int i = 0; i < n; i++) {
            f[i] += b;
        }

        double[] m = work[0];
        double[] d = work[1];
        double[] r = work[2];
        double[] kr = work[3];
        double[] u0 = work[4];
        double[] u1 = work[5];
        double[] deltaAlpha = work[6];
        double[] deltaF = work[7];
        double[] trialF = work[8];
        double objective = objective(f, y, alpha, b);
        int iteration = 0;
        boolean converged = false;
        while (true) {
            double sumResidual = 0;
            double maxResidual = 0;
            for (int i = 0; i < n; i++) {
                double p = LogisticObjective.sigmoid(f[i]);
                d[i] = Math.sqrt(p * LogisticObjective.sigmoid(-f[i]));
                sumResidual += p - y[i];
                r[i] = p - y[i] + lambda * alpha[i];
                maxResidual = Math.max(maxResidual, Math.abs(r[i]));
            }
            converged = maxResidual <= tolerance && Math.abs(sumResidual) / n <= tolerance;
            if (converged || iteration >= maxIterations) {
                break;
            }
            iteration++;

            multiply(gram, r, kr, n);
            for (int i = 0; i < n; i++) {
                int row = i * n;
                for (int j = i; j < n; j++) {
                    m[row + j] = d[i] * gram[row + j] * d[j];
                }
                m[row + i] += lambda;
                u0[i] = -d[i] * kr[i];
                u1[i] = lambda * d[i];
            }
            if (!Cholesky.factor(m, n)) {
                throw new IllegalStateException("the Newton matrix λI + DKD is not positive definite; the Gram"
                        + " matrix has negative eigenvalues or non-finite entries");
            }
            Cholesky.solve(m, n, u0);
            Cholesky.solve(m, n, u1);
            double numerator = -sumResidual;
            double denominator = 0;
            for (int i = 0; i < n; i++) {
                numerator -= d[i] * u0[i];
                denominator += d[i] * u1[i];
            }
            double deltaB = denominator > 0 ? numerator / denominator : 0;
            for (int i = 0; i < n; i++) {
                deltaAlpha[i] = -(r[i] + d[i] * (u0[i] + deltaB * u1[i])) / lambda;
            }
            multiply(gram, deltaAlpha, deltaF, n);
            double slope = sumResidual * deltaB;
            for (int i = 0; i < n; i++) {
                deltaF[i] += deltaB;
                slope += kr[i] * deltaAlpha[i];
            }

            double step = 1;
            double trialObjective = Double.NaN;
            for (int halving = 0; halving < MAX_HALVINGS; halving++) {
                for (int i = 0; i < n; i++) {
                    trialF[i] = f[i] + step * deltaF[i];
                }
                trialObjective = objectiveAt(trialF, y, alpha, deltaAlpha, step, b + step * deltaB);
                boolean armijo = trialObjective <= objective + ARMIJO * step * slope;
                boolean flat = -slope <= 1e-13 * (1 + Math.abs(objective));
                if (armijo || flat) {
                    break;
                }
                step /= 2;
            }
            for (int i = 0; i < n; i++) {
                alpha[i] += step * deltaAlpha[i];
                f[i] = trialF[i];
            }
            b += step * deltaB;
            objective = trialObjective;
        }
        return new Solution(alpha, b, f.clone(), iteration, converged);
    }

    /** Returns scratch arrays for problems of size {@code n}. */
    public static double[][] workspace(int n) {
        return new double[][] {new double[n * n], new double[n], new double[n], new double[n], new double[n],
            new double[n], new double[n], new double[n], new double[n]};
    }

    private double objective(double[] f, int[] y, double[] alpha, double b) {
        double loss = 0;
        double quadratic = 0;
        for (int i = 0; i < f.length; i++) {
            loss += LogisticObjective.softplus(y[i] == 1 ? -f[i] : f[i]);
            quadratic += alpha[i] * (f[i] - b);
        }
        return loss + 0.5 * lambda * quadratic;
    }

    private double objectiveAt(double[] f, int[] y, double[] alpha, double[] deltaAlpha, double step, double b) {
        double loss = 0;
        double quadratic = 0;
        for (int i = 0; i < f.length; i++) {
            loss += LogisticObjective.softplus(y[i] == 1 ? -f[i] : f[i]);
            quadratic += (alpha[i] + step * deltaAlpha[i]) * (f[i] - b);
        }
        return loss + 0.5 * lambda * quadratic;
    }

    private static void multiply(double[] matrix, double[] vector, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            int row = i * n;
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += matrix[row + j] * vector[j];
            }
            out[i] = sum;
        }
    }
}
