package org.lens4j.probe.model;

import java.util.Objects;
import org.lens4j.probe.FeatureSet;
import org.lens4j.probe.model.internal.Gram;
import org.lens4j.probe.model.internal.Standardizer;
import org.lens4j.probe.split.Split;

/**
 * Inner products of the (standardised) features of one split: {@code K = X_train X_trainᵀ}
 * ({@code n × n}) and {@code K_test = X_test X_trainᵀ} ({@code m × n}), computed once in float64
 * and shared by every refit of {@link KernelLogistic}. Java arrays only; no native memory.
 *
 * <p>Standardisation, when on, uses the statistics of the training rows, as {@link ProbeTrainer}
 * does, so the kernel solution equals the primal probe on the same split.
 */
public final class GramMatrix {

    private final int[] trainRows;
    private final int[] testRows;
    private final double[] train;
    private final double[] cross;

    private GramMatrix(int[] trainRows, int[] testRows, double[] train, double[] cross) {
        this.trainRows = trainRows;
        this.testRows = testRows;
        this.train = train;
        this.cross = cross;
    }

    /**
     * Computes the Gram matrices of {@code split} on {@code data}.
     *
     * @param standardize whether to standardise with training statistics first (as the probe's
     *     {@code standardize} setting)
     */
    public static GramMatrix of(FeatureSet data, Split split, boolean standardize) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(split, "split");
        int d = data.dimension();
        int[] trainRows = split.trainRows();
        int[] testRows = split.testRows();
        if (Math.max(trainRows[trainRows.length - 1], testRows[testRows.length - 1]) >= data.size()) {
            throw new IllegalArgumentException("the split names rows beyond the " + data.size()
                    + " rows of " + data + "; split this feature set");
        }
        float[] values = data.toArray();
        Standardizer standardizer = Standardizer.fit(values, d, trainRows, standardize);
        double[] xTrain = standardizer.transform(values, d, trainRows);
        double[] xTest = standardizer.transform(values, d, testRows);
        double[] train = Gram.product(xTrain, trainRows.length, xTrain, trainRows.length, d);
        double[] cross = Gram.product(xTest, testRows.length, xTrain, trainRows.length, d);
        symmetrize(train, trainRows.length);
        return new GramMatrix(trainRows, testRows, train, cross);
    }

    /**
     * Wraps precomputed matrices (copied).
     *
     * @param train {@code K}, row-major {@code n × n}, symmetric positive semi-definite
     * @param cross {@code K_test}, row-major {@code m × n}
     * @param testCount {@code m}
     */
    public static GramMatrix of(double[] train, double[] cross, int testCount) {
        int n = (int) Math.round(Math.sqrt(train.length));
        if (n * n != train.length || n == 0) {
            throw new IllegalArgumentException("train Gram matrix has " + train.length
                    + " entries, which is not n × n for n ≥ 1");
        }
        if (cross.length != testCount * n) {
            throw new IllegalArgumentException("cross Gram matrix has " + cross.length + " entries but "
                    + testCount + " × " + n + " = " + testCount * n + " were expected");
        }
        int[] trainRows = new int[n];
        int[] testRows = new int[testCount];
        java.util.Arrays.setAll(trainRows, i -> i);
        java.util.Arrays.setAll(testRows, i -> n + i);
        double[] symmetric = train.clone();
        symmetrize(symmetric, n);
        return new GramMatrix(trainRows, testRows, symmetric, cross.clone());
    }

    private static void symmetrize(double[] matrix, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double mean = 0.5 * (matrix[i * n + j] + matrix[j * n + i]);
                matrix[i * n + j] = mean;
                matrix[j * n + i] = mean;
            }
        }
    }

    /** Returns the number of training rows {@code n}. */
    public int trainSize() {
        return trainRows.length;
    }

    /** Returns the number of test rows {@code m}. */
    public int testSize() {
        return testRows.length;
    }

    /** Returns a copy of the training rows (of the feature set) in matrix order. */
    public int[] trainRows() {
        return trainRows.clone();
    }

    /** Returns a copy of the test rows (of the feature set) in matrix order. */
    public int[] testRows() {
        return testRows.clone();
    }

    /** Returns a copy of {@code K}, row-major {@code n × n}. */
    public double[] train() {
        return train.clone();
    }

    /** Returns a copy of {@code K_test}, row-major {@code m × n}. */
    public double[] cross() {
        return cross.clone();
    }

    double[] trainView() {
        return train;
    }

    double[] crossView() {
        return cross;
    }
}
