package org.lens4j.probe.model.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Deterministic limited-memory BFGS with a strong-Wolfe line search (Nocedal &amp; Wright,
 * Numerical Optimization, 2nd ed., algorithms 7.4, 3.5 and 3.6).
 */
public final class Lbfgs {

    /** A smooth function: writes the gradient at {@code x} into {@code gradient} and returns the value. */
    @FunctionalInterface
    public interface Function {
        double evaluate(double[] x, double[] gradient);
    }

    /** Outcome of a minimisation. */
    public record Result(double[] x, double value, int iterations, boolean converged, double[] valueTrace) {
    }

    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;
    private static final int MAX_LINE_SEARCH = 40;
    private static final double NOISE_ULPS = 4;

    private final int memory;
    private final double tolerance;
    private final int maxIterations;

    /**
     * Creates a minimiser.
     *
     * @param memory number of correction pairs kept
     * @param tolerance stop when the largest gradient entry is at most this
     * @param maxIterations iteration limit
     */
    public Lbfgs(int memory, double tolerance, int maxIterations) {
        this.memory = memory;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /** Minimises {@code function} from {@code start} (not modified). */
    public Result minimize(Function function, double[] start) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double f = function.evaluate(x, g);
        Deque<double[]> sHistory = new ArrayDeque<>();
        Deque<double[]> yHistory = new ArrayDeque<>();
        Deque<Double> rhoHistory = new ArrayDeque<>();
        double[] trace = new double[maxIterations + 1];
        trace[0] = f;

        int iteration = 0;
        boolean converged = maxAbs(g) <= tolerance;
        while (!converged && iteration < maxIterations) {
            double[] direction = twoLoop(g, sHistory, yHistory, rhoHistory);
            double slope = dot(g, direction);
            if (!(slope < 0)) {
                sHistory.clear();
                yHistory.clear();
                rhoHistory.clear();
                direction = negate(g);
                slope = dot(g, direction);
            }
            double initialStep = sHistory.isEmpty() ? Math.min(1.0, 1.0 / Math.max(maxAbs(g), 1e-300)) : 1.0;
            double[] newX = new double[n];
            double[] newG = new double[n];
            double newF = lineSearch(function, x, f, g, direction, slope, initialStep, newX, newG);
            if (Double.isNaN(newF)) {
                break;
            }
            double[] s = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = newX[i] - x[i];
                y[i] = newG[i] - g[i];
            }
            double sy = dot(s, y);
            if (sy > 1e-300) {
                sHistory.addLast(s);
                yHistory.addLast(y);
                rhoHistory.addLast(1.0 / sy);
                if (sHistory.size() > memory) {
                    sHistory.removeFirst();
                    yHistory.removeFirst();
                    rhoHistory.removeFirst();
                }
            }
            double decrease = f - newF;
            x = newX;
            g = newG;
            f = newF;
            iteration++;
            trace[iteration] = f;
            converged = maxAbs(g) <= tolerance;
            if (!converged && decrease <= 1e-16 * Math.max(1.0, Math.abs(f)) && maxAbs(s) <= 1e-16 * (1 + maxAbs(x))) {
                break;
            }
        }
        return new Result(x, f, iteration, converged, java.util.Arrays.copyOf(trace, iteration + 1));
    }

    private static double[] twoLoop(double[] g, Deque<double[]> sHistory, Deque<double[]> yHistory,
            Deque<Double> rhoHistory) {
        int m = sHistory.size();
        double[][] s = sHistory.toArray(new double[0][]);
        double[][] y = yHistory.toArray(new double[0][]);
        Double[] rho = rhoHistory.toArray(new Double[0]);
        double[] q = g.clone();
        double[] alpha = new double[m];
        for (int k = m - 1; k >= 0; k--) {
            alpha[k] = rho[k] * dot(s[k], q);
            axpy(-alpha[k], y[k], q);
        }
        if (m > 0) {
            double gamma = dot(s[m - 1], y[m - 1]) / dot(y[m - 1], y[m - 1]);
            scale(gamma, q);
        }
        for (int k = 0; k < m; k++) {
            double beta = rho[k] * dot(y[k], q);
            axpy(alpha[k] - beta, s[k], q);
        }
        return negate(q);
    }

    /**
     * Strong-Wolfe line search; fills {@code newX} and {@code newG} and returns the new value, or NaN
     * on failure. Value comparisons allow a few units in the last place of {@code f0}, because near
     * the optimum the decrease falls below the rounding of the objective while the gradient, and so
     * the curvature condition, still carries information.
     */
    private static double lineSearch(Function function, double[] x, double f0, double[] g0, double[] direction,
            double slope0, double initialStep, double[] newX, double[] newG) {
        double noise = NOISE_ULPS * Math.ulp(f0);
        double previousStep = 0;
        double previousValue = f0;
        double previousSlope = slope0;
        double step = initialStep;
        for (int trial = 0; trial < MAX_LINE_SEARCH; trial++) {
            double value = probe(function, x, direction, step, newX, newG);
            double slope = dot(newG, direction);
            if (value > f0 + C1 * step * slope0 + noise || (trial > 0 && value >= previousValue + noise)
                    || !Double.isFinite(value)) {
                return zoom(function, x, f0, slope0, direction, previousStep, previousValue, previousSlope, step,
                        value, newX, newG);
            }
            if (Math.abs(slope) <= -C2 * slope0) {
                return value;
            }
            if (slope >= 0) {
                return zoom(function, x, f0, slope0, direction, step, value, slope, previousStep, previousValue,
                        newX, newG);
            }
            previousStep = step;
            previousValue = value;
            previousSlope = slope;
            step *= 2;
        }
        return Double.NaN;
    }

    private static double zoom(Function function, double[] x, double f0, double slope0, double[] direction,
            double low, double lowValue, double lowSlope, double high, double highValue, double[] newX,
            double[] newG) {
        double noise = NOISE_ULPS * Math.ulp(f0);
        for (int trial = 0; trial < MAX_LINE_SEARCH; trial++) {
            double step = interpolate(low, lowValue, lowSlope, high, highValue);
            double value = probe(function, x, direction, step, newX, newG);
            double slope = dot(newG, direction);
            if (value > f0 + C1 * step * slope0 + noise || value >= lowValue + noise || !Double.isFinite(value)) {
                high = step;
                highValue = value;
            } else {
                if (Math.abs(slope) <= -C2 * slope0) {
                    return value;
                }
                if (slope * (high - low) >= 0) {
                    high = low;
                    highValue = lowValue;
                }
                low = step;
                lowValue = value;
                lowSlope = slope;
            }
            if (Math.abs(high - low) <= 1e-16 * Math.max(1.0, Math.abs(low))) {
                break;
            }
        }
        double value = probe(function, x, direction, low, newX, newG);
        return value <= f0 + noise && low > 0 ? value : Double.NaN;
    }

    /** Minimiser of the quadratic through the low end (value, slope) and the high end value, kept inside the bracket. */
    private static double interpolate(double low, double lowValue, double lowSlope, double high, double highValue) {
        double width = high - low;
        double curvature = highValue - lowValue - lowSlope * width;
        double step = curvature > 0 && Double.isFinite(highValue)
                ? low - lowSlope * width * width / (2 * curvature)
                : low + width / 2;
        double lower = Math.min(low, high) + 0.1 * Math.abs(width);
        double upper = Math.max(low, high) - 0.1 * Math.abs(width);
        return Math.min(Math.max(step, lower), upper);
    }

    private static double probe(Function function, double[] x, double[] direction, double step, double[] newX,
            double[] newG) {
        for (int i = 0; i < x.length; i++) {
            newX[i] = x[i] + step * direction[i];
        }
        return function.evaluate(newX, newG);
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static void scale(double a, double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= a;
        }
    }

    private static double[] negate(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = -x[i];
        }
        return out;
    }

    static double maxAbs(double[] x) {
        double max = 0;
        for (double value : x) {
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }
}
