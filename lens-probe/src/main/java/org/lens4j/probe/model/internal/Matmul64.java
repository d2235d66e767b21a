package org.lens4j.probe.model.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Float64 matrix products on row-major Java arrays through ND4J's BLAS gemm. */
public final class Matmul64 {

    private Matmul64() {
    }

    /** Returns {@code A B} for {@code A} ({@code m × k}) and {@code B} ({@code k × n}), row-major. */
    public static double[] multiply(double[] a, int m, int k, double[] b, int n) {
        INDArray left = Nd4j.create(a, new long[] {m, k}, DataType.DOUBLE);
        INDArray right = Nd4j.create(b, new long[] {k, n}, DataType.DOUBLE);
        return left.mmul(right).dup('c').data().asDouble();                   // m × n
    }

    /** Returns {@code Aᵀ B} for {@code A} ({@code k × m}) and {@code B} ({@code k × n}), row-major. */
    public static double[] multiplyTransposedLeft(double[] a, int k, int m, double[] b, int n) {
        INDArray left = Nd4j.create(a, new long[] {k, m}, DataType.DOUBLE);
        INDArray right = Nd4j.create(b, new long[] {k, n}, DataType.DOUBLE);
        return left.transpose().mmul(right).dup('c').data().asDouble();       // m × n
    }
}
