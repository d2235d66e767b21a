package org.lens4j.core;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Child-JVM entry point: prints the offline switches before and after the engine starts. */
public final class OfflineBootstrapMain {

    private OfflineBootstrapMain() {
    }

    /** Prints {@code key=value} lines for the parent test to parse. */
    public static void main(String[] args) {
        System.out.println("before.offline=" + System.getProperty("ai.djl.offline"));
        System.out.println("before.tracking=" + System.getProperty("OPT_OUT_TRACKING"));
        System.out.println("env.tracking=" + System.getenv("OPT_OUT_TRACKING"));
        try (NDManager manager = LensRuntime.newManager()) {
            float sum = manager.ones(new Shape(2, 3)).sum().getFloat();
            System.out.println("engine=" + Engine.getInstance().getEngineName());
            System.out.println("sum=" + sum);
        }
        System.out.println("after.offline=" + System.getProperty("ai.djl.offline"));
        System.out.println("after.tracking=" + System.getProperty("OPT_OUT_TRACKING"));
    }
}
