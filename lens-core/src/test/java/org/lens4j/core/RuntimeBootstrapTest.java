package org.lens4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts fresh JVMs without {@code -Dai.djl.offline}, {@code OPT_OUT_TRACKING} or
 * {@code DJL_OFFLINE}, to prove that the library itself sets the offline switches before DJL
 * starts, and that DJL and ND4J share one JVM that then exits cleanly.
 */
class RuntimeBootstrapTest {

    /** Generous: one child run (engine start, ND4J native loading) took about 5 s on a 2-core machine. */
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private static ChildJvm.Result bootstrap;

    @BeforeAll
    static void runBootstrapChild() throws IOException, InterruptedException {
        bootstrap = ChildJvm.run(OfflineBootstrapMain.class, TIMEOUT);
    }

    @Test
    void childStartsWithoutOfflineSwitches() {
        assertEquals(0, bootstrap.exitCode(), bootstrap.output());
        assertEquals("null", bootstrap.value("before.offline"), bootstrap.output());
        assertEquals("null", bootstrap.value("before.tracking"), bootstrap.output());
        assertEquals("null", bootstrap.value("env.tracking"), bootstrap.output());
    }

    @Test
    void bootstrapSetsOfflineSwitchesBeforeEngine() {
        assertEquals(0, bootstrap.exitCode(), bootstrap.output());
        assertEquals("PyTorch", bootstrap.value("engine"), bootstrap.output());
        assertEquals("6.0", bootstrap.value("sum"), bootstrap.output());
        assertEquals("true", bootstrap.value("after.offline"), bootstrap.output());
        assertEquals("true", bootstrap.value("after.tracking"), bootstrap.output());
    }

    @Test
    void djlAndNd4jShareJvmAndExitCleanly() throws IOException, InterruptedException {
        ChildJvm.Result result = ChildJvm.run(DjlNd4jMain.class, TIMEOUT);
        assertEquals(0, result.exitCode(), result.output());
        // DJL: 2 × (1 + 2 + 3 + 4) = 20. ND4J adds 1 to each of the 4 doubled values: 24.
        assertEquals("20.0", result.value("djl.sum"), result.output());
        assertEquals("24.0", result.value("nd4j.sum"), result.output());
        assertEquals("CpuBackend", result.value("nd4j.backend"), result.output());
    }
}
