package org.lens4j.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FeatureStoreCrashTest {

    static final int DIMENSION = 4;
    private static final int BATCH = 100;
    private static final int ROWS = 250;

    @Test
    @Timeout(120)
    void killedRunKeepsCommittedBatchesAndResumes(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("crash.db");

        long committedByChild = runAndKill(file, folder.resolve("child.log"));

        try (FeatureStore store = FeatureStore.open(file)) {
            assertEquals(2L * BATCH, committedByChild);
            assertEquals(2L * BATCH, store.rowCount());

            FeatureWriter resumed = store.writer(StoreFixtures.run());
            for (int i = 0; i < ROWS; i++) {
                if (!resumed.contains(StoreFixtures.key(i))) {
                    resumed.add(StoreFixtures.row(i, DIMENSION));
                }
            }
            resumed.close();

            assertEquals(ROWS - 2L * BATCH, resumed.stats().inserted());
            assertEquals(ROWS, store.rowCount());
            assertEquals(ROWS, store.features(StoreFixtures.LAYER, StoreFixtures.POOLING).rows());
        }
    }

    /** Starts {@link CrashingWriterMain}, waits for its report, kills it, returns the count. */
    private static long runAndKill(Path file, Path log) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp",
                System.getProperty("java.class.path"), CrashingWriterMain.class.getName(),
                file.toString(), String.valueOf(BATCH), String.valueOf(ROWS)));
        builder.redirectError(log.toFile());
        Process child = builder.start();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = output.readLine();
            assertNotNull(line, "the child process exited early; see " + log);
            assertTrue(line.startsWith(CrashingWriterMain.READY), line);
            return Long.parseLong(line.substring(CrashingWriterMain.READY.length()).trim());
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child process did not stop");
        }
    }
}
