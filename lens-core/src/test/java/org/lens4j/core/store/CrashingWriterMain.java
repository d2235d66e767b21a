package org.lens4j.core.store;

import java.nio.file.Path;

/**
 * Child process of {@link FeatureStoreCrashTest}: adds rows to a store, reports how many were
 * committed, then waits without closing the writer until the test kills the process.
 *
 * <p>Arguments: database file, batch size, number of rows to add.
 */
public final class CrashingWriterMain {

    /** Line printed once the rows are added; the committed row count follows it. */
    static final String READY = "READY";

    private CrashingWriterMain() {
    }

    /** Adds the rows and blocks until killed. */
    public static void main(String[] args) throws InterruptedException {
        Path file = Path.of(args[0]);
        int batch = Integer.parseInt(args[1]);
        int rows = Integer.parseInt(args[2]);
        FeatureStore store = FeatureStore.open(file, StoreOptions.defaults().withBatchSize(batch));
        FeatureWriter writer = store.writer(StoreFixtures.run());
        for (int i = 0; i < rows; i++) {
            writer.add(StoreFixtures.row(i, FeatureStoreCrashTest.DIMENSION));
        }
        System.out.println(READY + " " + writer.stats().inserted());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
