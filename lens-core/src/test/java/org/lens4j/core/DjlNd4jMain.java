package org.lens4j.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Child-JVM entry point: uses DJL (PyTorch) and ND4J (nd4j-native) together, then returns normally. */
public final class DjlNd4jMain {

    private DjlNd4jMain() {
    }

    /** Prints {@code key=value} lines for the parent test to parse. */
    public static void main(String[] args) {
        float[] values = {1f, 2f, 3f, 4f};
        try (NDManager manager = LensRuntime.newManager()) {
            NDArray djl = manager.create(values).mul(2f);
            INDArray nd4j = Nd4j.create(djl.toFloatArray()).addi(1f);
            System.out.println("djl.sum=" + djl.sum().getFloat());
            System.out.println("nd4j.sum=" + nd4j.sumNumber().floatValue());
            System.out.println("nd4j.backend=" + Nd4j.getBackend().getClass().getSimpleName());
        }
    }
}
