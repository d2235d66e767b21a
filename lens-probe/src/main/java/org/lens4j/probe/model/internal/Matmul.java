package org.lens4j.probe.model.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Float32 matrix products on row-major Java arrays. Products of at least {@value #ND4J_MIN_MACS}
 * multiply-adds go to ND4J's BLAS gemm; smaller ones run as plain loops, where copying into native
 * memory would cost more than it saves.
 */
public final class Matmul {

    /** Multiply-adds from which ND4J's gemm is used. */
    static final long ND4J_MIN_MACS = 1L << 20;

    private Matmul() {
    }

    /** Returns {@code A B} for {@code A} ({@code m × k}) and {@code B} ({@code k × n}). */
    public static float[] multiply(float[] a, int m, int k, float[] b, int n) {
        if ((long) m * k * n >= ND4J_MIN_MACS) {
            return rowMajor(matrix(a, m, k).mmul(matrix(b, k, n)));
        }
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            int rowA = i * k;
            int rowC = i * n;
            for (int p = 0; p < k; p++) {
                float value = a[rowA + p];
                if (value == 0) {
                    continue;
                }
                int rowB = p * n;
                for (int j = 0; j < n; j++) {
                    c[rowC + j] += value * b[rowB + j];
                }
            }
        }
        return c;
    }

    /** Returns {@code Aᵀ B} for {@code A} ({@code k × m}) and {@code B} ({@code k × n}). */
    public static float[] multiplyTransposedLeft(float[] a, int k, int m, float[] b, int n) {
        if ((long) m * k * n >= ND4J_MIN_MACS) {
            return rowMajor(matrix(a, k, m).transpose().mmul(matrix(b, k, n)));
        }
        float[] c = new float[m * n];
        for (int p = 0; p < k; p++) {
            int rowA = p * m;
            int rowB = p * n;
            for (int i = 0; i < m; i++) {
                float value = a[rowA + i];
                if (value == 0) {
                    continue;
                }
                int rowC = i * n;
                for (int j = 0; j < n; j++) {
                    c[rowC + j] += value * b[rowB + j];
                }
            }
        }
        return c;
    }

    /** Returns {@code A Bᵀ} for {@code A} ({@code m × k}) and {@code B} ({@code n × k}). */
    public static float[] multiplyTransposedRight(float[] a, int m, int k, float[] b, int n) {
        if ((long) m * k * n >= ND4J_MIN_MACS) {
            return rowMajor(matrix(a, m, k).mmul(matrix(b, n, k).transpose()));
        }
        float[] transposed = new float[k * n];
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < k; p++) {
                transposed[p * n + j] = b[j * k + p];
            }
        }
        return multiply(a, m, k, transposed, n);
    }

    private static INDArray matrix(float[] values, int rows, int columns) {
        return Nd4j.create(values, new long[] {rows, columns}, DataType.FLOAT);
    }

    /** Returns the values of a 2-D array in row-major order (ND4J's mmul returns column-major results). */
    private static float[] rowMajor(INDArray array) {
        return array.dup('c').data().asFloat();
    }
}
