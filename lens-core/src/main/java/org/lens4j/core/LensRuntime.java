package org.lens4j.core;

import ai.djl.ndarray.NDManager;
import ai.djl.engine.Engine;

/**
 * The single bootstrap every path into DJL goes through.
 *
 * <p>DJL's PyTorch engine contacts a cloud metadata address and a telemetry endpoint when it
 * starts unless {@code ai.djl.offline=true} and {@code OPT_OUT_TRACKING=true} are set. This class
 * sets both system properties in its static initialiser, before any DJL class that reads them is
 * initialised, and also disables ND4J's JavaCPP memory guard, which would otherwise count
 * libtorch's memory against its own limit.
 *
 * <pre>{@code
 * try (NDManager manager = LensRuntime.newManager()) {
 *     NDArray x = manager.ones(new Shape(2, 3));
 * }
 * }</pre>
 */
public final class LensRuntime {

    /** Name of DJL's offline switch. */
    public static final String OFFLINE_PROPERTY = "ai.djl.offline";

    /** Name of DJL's telemetry opt-out switch. */
    public static final String TRACKING_PROPERTY = "OPT_OUT_TRACKING";

    static {
        applyOfflineProperties();
    }

    private LensRuntime() {
    }

    /**
     * Sets the offline and no-tracking properties (idempotent). Called automatically when this
     * class initialises; call it first in a program that touches DJL before any Lens4J class.
     */
    public static void applyOfflineProperties() {
        System.setProperty(OFFLINE_PROPERTY, "true");
        System.setProperty(TRACKING_PROPERTY, "true");
        if (System.getProperty("org.bytedeco.javacpp.maxphysicalbytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxphysicalbytes", "0");
        }
        if (System.getProperty("org.bytedeco.javacpp.maxbytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxbytes", "0");
        }
    }

    /** Returns whether both offline switches are set to {@code true}. */
    public static boolean isOffline() {
        return "true".equals(System.getProperty(OFFLINE_PROPERTY))
                && "true".equals(System.getProperty(TRACKING_PROPERTY));
    }

    /**
     * Returns the PyTorch engine, started offline.
     *
     * @throws IllegalStateException if the PyTorch engine is not on the class path
     */
    public static Engine engine() {
        applyOfflineProperties();
        Engine engine = Engine.getEngine("PyTorch");
        if (engine == null) {
            throw new IllegalStateException(
                    "The PyTorch engine is not available; add ai.djl.pytorch:pytorch-engine and a"
                            + " native libtorch (pytorch-native-cpu) to the class path");
        }
        return engine;
    }

    /** Creates a new root {@link NDManager} on the PyTorch engine's default device. */
    public static NDManager newManager() {
        return engine().newBaseManager();
    }
}
