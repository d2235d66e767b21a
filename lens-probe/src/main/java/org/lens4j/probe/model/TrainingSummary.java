package org.lens4j.probe.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * Summary of a probe's training: iterations or epochs run, convergence, and the loss curve.
 *
 * <p>Losses are of the objective the solver minimised: the mean log-loss plus its penalty term
 * (for logistic probes the objective divided by {@code C · n}). Curves keep at most {@value
 * #MAX_CURVE_POINTS} evenly spaced points, always including the first and the last.
 *
 * @param method the solver, such as {@code "lbfgs"}, {@code "newton-kernel"} or {@code "adam"}
 * @param iterations solver iterations, or epochs for gradient training
 * @param converged whether the solver met its tolerance (gradient training: whether it ran to its
 *     epoch limit or stopped early, always {@code true})
 * @param finalTrainingLoss training loss at the end
 * @param bestValidationLoss lowest validation loss, or NaN without validation rows
 * @param bestEpoch epoch (from 0) of the lowest validation loss, or −1
 * @param stoppedEarly whether early stopping ended training
 * @param trainingCurve training loss per iteration or epoch, thinned
 * @param validationCurve validation loss per epoch, thinned, or empty
 */
public record TrainingSummary(String method, int iterations, boolean converged, double finalTrainingLoss,
        double bestValidationLoss, int bestEpoch, boolean stoppedEarly, double[] trainingCurve,
        double[] validationCurve) {

    /** Largest number of points kept in a curve. */
    public static final int MAX_CURVE_POINTS = 100;

    /** Validates and copies the curves, thinning them. */
    public TrainingSummary {
        Objects.requireNonNull(method, "method");
        trainingCurve = thin(trainingCurve);
        validationCurve = thin(validationCurve);
    }

    /** Returns a copy of the (thinned) training curve. */
    @Override
    public double[] trainingCurve() {
        return trainingCurve.clone();
    }

    /** Returns a copy of the (thinned) validation curve. */
    @Override
    public double[] validationCurve() {
        return validationCurve.clone();
    }

    private static double[] thin(double[] curve) {
        if (curve == null) {
            return new double[0];
        }
        if (curve.length <= MAX_CURVE_POINTS) {
            return curve.clone();
        }
        double[] thinned = new double[MAX_CURVE_POINTS];
        for (int i = 0; i < MAX_CURVE_POINTS; i++) {
            long index = Math.round(i * (curve.length - 1) / (double) (MAX_CURVE_POINTS - 1));
            thinned[i] = curve[(int) index];
        }
        return thinned;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrainingSummary that
                && method.equals(that.method)
                && iterations == that.iterations
                && converged == that.converged
                && Double.compare(finalTrainingLoss, that.finalTrainingLoss) == 0
                && Double.compare(bestValidationLoss, that.bestValidationLoss) == 0
                && bestEpoch == that.bestEpoch
                && stoppedEarly == that.stoppedEarly
                && Arrays.equals(trainingCurve, that.trainingCurve)
                && Arrays.equals(validationCurve, that.validationCurve);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, iterations, converged, finalTrainingLoss, bestValidationLoss, bestEpoch,
                stoppedEarly, Arrays.hashCode(trainingCurve), Arrays.hashCode(validationCurve));
    }

    @Override
    public String toString() {
        return "TrainingSummary[" + method + ", " + iterations + " iterations, converged " + converged
                + ", final loss " + finalTrainingLoss
                + (Double.isNaN(bestValidationLoss) ? "" : ", best validation " + bestValidationLoss + " at epoch "
                        + bestEpoch + (stoppedEarly ? ", stopped early" : ""))
                + "]";
    }
}
