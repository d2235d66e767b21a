package org.lens4j.probe.model.internal;

/**
 * Per-column standardisation {@code z = (x − μ) / σ} with the mean and population standard
 * deviation of the training rows; a constant column ({@code σ = 0}) keeps {@code σ = 1}. With
 * {@code enabled = false} it is the identity.
 */
public final class Standardizer {

    private final double[] mean;
    private final double[] scale;

    private Standardizer(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /**
     * Computes the statistics of {@code rows} of a row-major {@code n × d} array.
     *
     * @param values the features, row-major
     * @param d the number of columns
     * @param rows the training rows
     * @param enabled whether to standardise; otherwise μ = 0 and σ = 1
     */
    public static Standardizer fit(float[] values, int d, int[] rows, boolean enabled) {
        double[] mean = new double[d];
        double[] scale = new double[d];
        java.util.Arrays.fill(scale, 1.0);
        if (!enabled) {
            return new Standardizer(mean, scale);
        }
        for (int row : rows) {
            int offset = row * d;
            for (int j = 0; j < d; j++) {
                mean[j] += values[offset + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= rows.length;
        }
        double[] squares = new double[d];
        for (int row : rows) {
            int offset = row * d;
            for (int j = 0; j < d; j++) {
                double centred = values[offset + j] - mean[j];
                squares[j] += centred * centred;
            }
        }
        for (int j = 0; j < d; j++) {
            double sd = Math.sqrt(squares[j] / rows.length);
            scale[j] = sd > 0 ? sd : 1.0;
        }
        return new Standardizer(mean, scale);
    }

    /** Returns the standardised rows {@code rows} as a row-major {@code rows.length × d} double array. */
    public double[] transform(float[] values, int d, int[] rows) {
        double[] out = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            int source = rows[i] * d;
            int target = i * d;
            for (int j = 0; j < d; j++) {
                out[target + j] = (values[source + j] - mean[j]) / scale[j];
            }
        }
        return out;
    }

    /** Returns the standardised rows as a row-major float array. */
    public float[] transformToFloat(float[] values, int d, int[] rows) {
        float[] out = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            int source = rows[i] * d;
            int target = i * d;
            for (int j = 0; j < d; j++) {
                out[target + j] = (float) ((values[source + j] - mean[j]) / scale[j]);
            }
        }
        return out;
    }

    /** Returns a copy of the column means. */
    public double[] mean() {
        return mean.clone();
    }

    /** Returns a copy of the column scales. */
    public double[] scale() {
        return scale.clone();
    }
}
