package org.lens4j.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FeatureStoreConcurrencyTest {

    private static final int ROWS_PER_WRITER = 1_500;
    private static final int BATCH = 50;
    private static final int DIMENSION = 8;

    @Test
    @Timeout(120)
    void twoWritersAndReaderShareOneFile(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("shared.db");
        StoreOptions options = StoreOptions.defaults().withBatchSize(BATCH);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        AtomicBoolean writing = new AtomicBoolean(true);
        try (FeatureStore store = FeatureStore.open(file, options)) {
            List<Future<WriteStats>> writers = new ArrayList<>();
            for (int writer = 0; writer < 2; writer++) {
                int first = writer * ROWS_PER_WRITER;
                writers.add(pool.submit(() -> writeRows(store, first)));
            }
            Future<Integer> reader = pool.submit(() -> readWhileWriting(file, options, writing));

            long inserted = 0;
            for (Future<WriteStats> writer : writers) {
                inserted += writer.get(100, TimeUnit.SECONDS).inserted();
            }
            writing.set(false);
            int reads = reader.get(100, TimeUnit.SECONDS);

            assertEquals(2L * ROWS_PER_WRITER, inserted);
            assertEquals(2L * ROWS_PER_WRITER, store.rowCount());
            assertEquals(2L * ROWS_PER_WRITER,
                    store.features(StoreFixtures.LAYER, StoreFixtures.POOLING).rows());
            assertTrue(reads > 0, "the reader never read");
        } finally {
            pool.shutdownNow();
        }
    }

    private static WriteStats writeRows(FeatureStore store, int first) {
        try (FeatureWriter writer = store.writer(StoreFixtures.run())) {
            for (int i = first; i < first + ROWS_PER_WRITER; i++) {
                writer.add(StoreFixtures.row(i, DIMENSION));
            }
            writer.close();
            return writer.stats();
        }
    }

    /** Reads the row count and the matrix on a second store until the writers finish. */
    private static int readWhileWriting(Path file, StoreOptions options, AtomicBoolean writing) {
        int reads = 0;
        long lastCount = 0;
        try (FeatureStore reader = FeatureStore.open(file, options)) {
            while (writing.get() || reads == 0) {
                long count = reader.rowCount();
                assertTrue(count >= lastCount, "row count went down from " + lastCount);
                assertEquals(0, count % BATCH, "a reader saw part of a batch: " + count);
                if (count > 0) {
                    reader.features(StoreFixtures.LAYER, StoreFixtures.POOLING);
                }
                lastCount = count;
                reads++;
            }
        }
        return reads;
    }
}
