package org.lens4j.probe.model;

import java.util.Objects;

/**
 * Settings of an L2-regularised logistic-regression probe.
 *
 * <p>The probe minimises, over weights {@code W} and unpenalised intercepts {@code b},
 *
 * <pre>
 *   C · Σ_i ℓ(y_i, W x_i + b) + ½ ‖W‖²
 * </pre>
 *
 * <p>where {@code ℓ} is the binary log-loss with one weight vector when there are two classes and
 * the multinomial (softmax) log-loss with one weight vector per class otherwise. This is the
 * objective of scikit-learn's {@code LogisticRegression(C=C, penalty='l2')}, and the optimum is
 * unique, so every solver reaches the same coefficients up to its tolerance:
 *
 * <ul>
 *   <li>{@link Solver#LBFGS}: deterministic L-BFGS on the primal problem; any number of classes.
 *   <li>{@link Solver#NEWTON_KERNEL}: exact Newton steps in the {@code n}-dimensional kernel form
 *       ({@link KernelLogistic}); two classes only, the fast choice when {@code n ≪ d}.
 *   <li>{@link Solver#ADAM}: the gradient trainer shared with the MLP, minimising the same
 *       objective divided by {@code C · n} (mean log-loss + {@code ‖W‖² / (2 C n)}); approximate.
 * </ul>
 *
 * @param c inverse regularisation strength {@code C > 0}
 * @param solver the solver
 * @param tolerance convergence tolerance of LBFGS and NEWTON_KERNEL on the largest gradient entry of
 *     the objective divided by {@code C · n}
 * @param maxIterations iteration limit of LBFGS and NEWTON_KERNEL
 * @param optimizer settings of the ADAM solver (ignored by the others)
 * @param standardize whether features are standardised with training statistics
 */
public record LogisticProbe(double c, Solver solver, double tolerance, int maxIterations, Optimizer optimizer,
        boolean standardize) implements ProbeConfig {

    /** Solver of the logistic objective. */
    public enum Solver {
        /** Limited-memory BFGS on the primal problem. */
        LBFGS,
        /** Newton in the kernel (dual) form; binary problems only. */
        NEWTON_KERNEL,
        /** Adam/AdamW through the shared gradient trainer. */
        ADAM
    }

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public LogisticProbe {
        Objects.requireNonNull(solver, "solver");
        Objects.requireNonNull(optimizer, "optimizer");
        if (!(c > 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException("C is " + c + "; it must be a positive finite number");
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance is " + tolerance + "; it must be positive");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations is " + maxIterations + "; it must be at least 1");
        }
    }

    /**
     * Returns C = 1, L-BFGS, tolerance 1e-8, at most 10 000 iterations, standardised features; the
     * ADAM solver would use {@link Optimizer#adam()}.
     */
    public static LogisticProbe withDefaults() {
        return new LogisticProbe(1.0, Solver.LBFGS, 1e-8, 10_000, Optimizer.adam(), true);
    }

    /** Returns a copy with another {@code C}. */
    public LogisticProbe withC(double value) {
        return new LogisticProbe(value, solver, tolerance, maxIterations, optimizer, standardize);
    }

    /** Returns a copy with another solver. */
    public LogisticProbe withSolver(Solver value) {
        return new LogisticProbe(c, value, tolerance, maxIterations, optimizer, standardize);
    }

    /** Returns a copy with another tolerance. */
    public LogisticProbe withTolerance(double value) {
        return new LogisticProbe(c, solver, value, maxIterations, optimizer, standardize);
    }

    /** Returns a copy with another iteration limit. */
    public LogisticProbe withMaxIterations(int value) {
        return new LogisticProbe(c, solver, tolerance, value, optimizer, standardize);
    }

    /** Returns a copy that uses the ADAM solver with {@code value}. */
    public LogisticProbe withOptimizer(Optimizer value) {
        return new LogisticProbe(c, Solver.ADAM, tolerance, maxIterations, value, standardize);
    }

    /** Returns a copy with standardisation switched on or off. */
    public LogisticProbe withStandardize(boolean value) {
        return new LogisticProbe(c, solver, tolerance, maxIterations, optimizer, value);
    }

    @Override
    public String describe() {
        String how = switch (solver) {
            case LBFGS -> "lbfgs";
            case NEWTON_KERNEL -> "newton-kernel";
            case ADAM -> optimizer.kind().name().toLowerCase(java.util.Locale.ROOT) + " lr=" + optimizer.learningRate()
                    + " epochs=" + optimizer.epochs() + " batch=" + optimizer.batchSize();
        };
        return "logistic L2 C=" + c + " " + how + (standardize ? " standardised" : "");
    }
}
