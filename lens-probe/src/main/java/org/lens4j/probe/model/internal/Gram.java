package org.lens4j.probe.model.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Inner-product matrices of row sets, in float64 with ND4J's gemm. */
public final class Gram {

    private Gram() {
    }

    /**
     * Returns {@code A Bᵀ}, row-major {@code rowsA × rowsB}.
     *
     * @param a row-major {@code rowsA × d}
     * @param b row-major {@code rowsB × d}
     */
    public static double[] product(double[] a, int rowsA, double[] b, int rowsB, int d) {
        INDArray left = Nd4j.create(a, new long[] {rowsA, d}, DataType.DOUBLE);
        INDArray right = left;
        if (b != a) {
            right = Nd4j.create(b, new long[] {rowsB, d}, DataType.DOUBLE);
        }
        INDArray product = left.mmul(right.transpose());                // rowsA × rowsB
        return product.dup('c').data().asDouble();
    }

    /** Returns {@code Xᵀ v}, the weight vector {@code w = Xᵀα} of dual coefficients {@code v}. */
    public static double[] transposeTimes(double[] x, int rows, int d, double[] v) {
        double[] out = new double[d];
        for (int i = 0; i < rows; i++) {
            int offset = i * d;
            double coefficient = v[i];
            for (int j = 0; j < d; j++) {
                out[j] += coefficient * x[offset + j];
            }
        }
        return out;
    }
}
