package org.lens4j.probe.model.internal;

/**
 * In-place Cholesky factorisation {@code A = UᵀU} of a symmetric positive definite matrix stored
 * row-major, and the solves that use it. Only the upper triangle is read and written.
 */
public final class Cholesky {

    private Cholesky() {
    }

    /**
     * Overwrites the upper triangle of {@code a} ({@code n × n}, row-major) with {@code U}.
     *
     * @return whether the matrix was numerically positive definite
     */
    public static boolean factor(double[] a, int n) {
        for (int k = 0; k < n; k++) {
            int rowK = k * n;
            double pivot = a[rowK + k];
            if (!(pivot > 0)) {
                return false;
            }
            double diagonal = Math.sqrt(pivot);
            a[rowK + k] = diagonal;
            double inverse = 1 / diagonal;
            for (int j = k + 1; j < n; j++) {
                a[rowK + j] *= inverse;
            }
            for (int i = k + 1; i < n; i++) {
                double u = a[rowK + i];
                if (u == 0) {
                    continue;
                }
                int rowI = i * n;
                for (int j = i; j < n; j++) {
                    a[rowI + j] -= u * a[rowK + j];
                }
            }
        }
        return true;
    }

    /** Solves {@code UᵀU x = b} in place of {@code b}, with {@code u} from {@link #factor}. */
    public static void solve(double[] u, int n, double[] b) {
        for (int k = 0; k < n; k++) {
            int rowK = k * n;
            double value = b[k] / u[rowK + k];
            b[k] = value;
            for (int i = k + 1; i < n; i++) {
                b[i] -= u[rowK + i] * value;
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            int rowI = i * n;
            double sum = b[i];
            for (int k = i + 1; k < n; k++) {
                sum -= u[rowI + k] * b[k];
            }
            b[i] = sum / u[rowI + i];
        }
    }
}
