package org.lens4j.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.UnaryOperator;

/**
 * Runs a computation step in a child {@link NDManager} so that its intermediates are freed when
 * the step ends.
 *
 * <p>DJL creates the result of {@code a.op(b)} in the manager of {@code a}. A step that only calls
 * operations on its input (or on arrays derived from it) therefore creates every intermediate in
 * the input's manager. {@link #step} temporarily moves the input into a child manager, runs the
 * step, moves the result back to the input's manager and closes the child with everything else.
 */
public final class Scopes {

    private Scopes() {
    }

    /**
     * Applies {@code step} to {@code input} inside a child manager of the input's manager.
     *
     * @param input the step's input; it stays owned by its manager
     * @param step the computation; it must create its arrays from {@code input} (or from
     *     {@code input.getManager()}) and must not keep references to them
     * @return the step's result, owned by the input's manager
     */
    public static NDArray step(NDArray input, UnaryOperator<NDArray> step) {
        NDManager owner = input.getManager();
        try (NDManager scope = owner.newSubManager()) {
            input.tempAttach(scope);
            NDArray result = step.apply(input);
            if (result != input) {
                result.attach(owner);
            }
            return result;
        }
    }
}
