package org.lens4j.core.pool.internal;

import ai.djl.ndarray.NDArray;
import org.lens4j.core.pool.Pooling;

/** Reductions of a {@code [positions, hidden]} block to one {@code [hidden]} vector. */
final class Reductions {

    private Reductions() {
    }

    /** Reduces the rows of {@code rows} ({@code [k, hidden]}, k ≥ 1) with {@code pooling}. */
    static NDArray reduceRows(NDArray rows, Pooling pooling) {
        switch (pooling) {
            case MEAN:
                return rows.mean(new int[] {0});
            case MAX:
                return rows.max(new int[] {0});
            case FIRST:
                return rows.get(0);
            case LAST:
                return rows.get(rows.getShape().get(0) - 1);
            default:
                throw new IllegalArgumentException("pooling " + pooling + " does not reduce rows");
        }
    }
}
