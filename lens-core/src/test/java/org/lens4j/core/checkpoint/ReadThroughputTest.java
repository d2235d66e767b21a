package org.lens4j.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lens4j.core.LensRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading 100 MB of float32 must cost about a memory copy, not per-element boxing.
 *
 * <p>The tensors live in a sparse file (sized with {@code setLength}, nothing written), so the
 * test uses no disk, and every value reads as zero.
 */
class ReadThroughputTest {

    private static final Logger LOG = LoggerFactory.getLogger(ReadThroughputTest.class);

    private static final long ELEMENTS = 100L * 1024 * 1024 / Float.BYTES;

    /**
     * Bound per read. Measured after a warm-up on a 2-core build machine shared with other builds
     * (load average 2 to 17): readFloats of 100 MB of F32 0.02 to 0.1 s, load 0.05 to 0.35 s (most
     * of it page faults on the new array's memory), load of 50 MB of BF16 with widening 0.07 to 0.3 s.
     */
    private static final double MAX_SECONDS = 1.5;

    private static NDManager manager;

    @TempDir
    static Path dir;

    private static Path file;

    @BeforeAll
    static void createSparseFile() throws IOException {
        manager = LensRuntime.newManager();
        long f32Bytes = ELEMENTS * 4;
        long bf16Bytes = ELEMENTS * 2;
        String json = "{" + RawFiles.entry("f32", "F32", "[" + ELEMENTS + "]", 0, f32Bytes) + ","
                + RawFiles.entry("bf16", "BF16", "[" + ELEMENTS + "]", f32Bytes, f32Bytes + bf16Bytes) + "}";
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        file = dir.resolve("throughput.safetensors");
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(8 + header.length + f32Bytes + bf16Bytes);
            out.getChannel().write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length), 0);
            out.getChannel().write(ByteBuffer.wrap(header), 8);
        }
    }

    @AfterAll
    static void stopEngine() {
        manager.close();
    }

    private static double secondsFor(Runnable read) {
        read.run(); // warm-up: page faults and JIT
        long start = System.nanoTime();
        read.run();
        return (System.nanoTime() - start) / 1e9;
    }

    @Test
    void f32LoadCostsAboutACopy() {
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            double seconds = secondsFor(() -> {
                try (NDArray array = checkpoint.load(manager, "f32")) {
                    assertEquals(ELEMENTS, array.size());
                }
            });
            LOG.debug("Loaded 100 MB of F32 in {} s", seconds);
            assertTrue(seconds < MAX_SECONDS, "load took " + seconds + " s");
        }
    }

    @Test
    void f32ReadFloatsCostsAboutACopy() {
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            double seconds = secondsFor(() -> assertEquals(ELEMENTS, checkpoint.readFloats("f32").length));
            LOG.debug("Read 100 MB of F32 as floats in {} s", seconds);
            assertTrue(seconds < MAX_SECONDS, "readFloats took " + seconds + " s");
        }
    }

    @Test
    void bf16LoadWidensQuickly() {
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            double seconds = secondsFor(() -> {
                try (NDArray array = checkpoint.load(manager, "bf16")) {
                    assertEquals(ELEMENTS, array.size());
                }
            });
            LOG.debug("Loaded and widened 50 MB of BF16 in {} s", seconds);
            assertTrue(seconds < MAX_SECONDS, "load took " + seconds + " s");
        }
    }
}
