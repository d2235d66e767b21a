package org.lens4j.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lens4j.core.LensRuntime;

/**
 * A float32 embedding of 152064 × 3584 (2.18 GB, over DJL's 2 GiB per array) in a sparse file:
 * the file is sized with {@code setLength} and only the rows under test are written, so the test
 * uses a few kilobytes of disk and the holes read as zeros.
 */
class LargeTensorTest {

    private static final long ROWS = 152_064;
    private static final long COLUMNS = 3_584;
    private static final long ROW_BYTES = COLUMNS * Float.BYTES;
    private static final String NAME = "model.embed_tokens.weight";

    private static NDManager manager;

    @TempDir
    static Path dir;

    private static Path file;
    private static long dataStart;

    @BeforeAll
    static void createSparseFile() throws IOException {
        manager = LensRuntime.newManager();
        String json = "{" + RawFiles.entry(NAME, "F32", "[" + ROWS + "," + COLUMNS + "]", 0, ROWS * ROW_BYTES) + "}";
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        dataStart = 8 + header.length;
        file = dir.resolve("large.safetensors");
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(dataStart + ROWS * ROW_BYTES);
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
            out.getChannel().write(prefix, 0);
            out.getChannel().write(ByteBuffer.wrap(header), 8);
        }
    }

    @AfterAll
    static void stopEngine() {
        manager.close();
    }

    /** Writes seeded values into rows [from, to) and returns them. */
    private static float[] writeRows(long from, long to, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[(int) ((to - from) * COLUMNS)];
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
            bytes.putFloat(values[i]);
        }
        bytes.flip();
        try (FileChannel channel = FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(bytes, dataStart + from * ROW_BYTES);
        }
        return values;
    }

    private static long rowHoldingByte(long fileByte) {
        return (fileByte - dataStart) / ROW_BYTES;
    }

    @Test
    void wholeLoadRejectedWithRowAdvice() {
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> checkpoint.load(manager, NAME));
            long maxRows = Integer.MAX_VALUE / ROW_BYTES;
            assertTrue(e.getMessage().contains(NAME), e.getMessage());
            assertTrue(e.getMessage().contains("2179989504 bytes"), e.getMessage());
            assertTrue(e.getMessage().contains("loadRows"), e.getMessage());
            assertTrue(e.getMessage().contains("at most " + maxRows + " rows"), e.getMessage());
        }
    }

    @Test
    void maxRowsPerLoadFitsOneArray() {
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            assertEquals(Integer.MAX_VALUE / ROW_BYTES, checkpoint.maxRowsPerLoad(NAME));
        }
    }

    @Test
    void fileOverTwoGibMapsInThreeWindows() {
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            assertEquals(3, checkpoint.windowCount(NAME));
        }
    }

    @Test
    void lastRowsLoad() throws IOException {
        float[] expected = writeRows(ROWS - 2, ROWS, 11);
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file);
                NDArray rows = checkpoint.loadRows(manager, NAME, (int) ROWS - 2, (int) ROWS)) {
            assertArrayEquals(new long[] {2, COLUMNS}, rows.getShape().getShape());
            assertArrayEquals(expected, rows.toFloatArray());
        }
    }

    @Test
    void rowsAcrossWindowBoundaryLoad() throws IOException {
        long first = rowHoldingByte(1L << 30) - 1;
        float[] expected = writeRows(first, first + 3, 12);
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file);
                NDArray rows = checkpoint.loadRows(manager, NAME, (int) first, (int) first + 3)) {
            assertArrayEquals(expected, rows.toFloatArray());
        }
    }

    @Test
    void rowsBeyondTwoGibOffsetLoad() throws IOException {
        long first = rowHoldingByte(1L << 31) - 1;
        float[] expected = writeRows(first, first + 3, 13);
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file);
                NDArray rows = checkpoint.loadRows(manager, NAME, (int) first, (int) first + 3)) {
            assertArrayEquals(expected, rows.toFloatArray());
        }
    }

    @Test
    void tooManyRowsRejected() {
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            int maxRows = checkpoint.maxRowsPerLoad(NAME);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> checkpoint.loadRows(manager, NAME, 0, maxRows + 1));
            assertTrue(e.getMessage().contains("at most " + maxRows + " rows"), e.getMessage());
        }
    }

    @Test
    void rowRangeOutsideTensorRejected() {
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> checkpoint.loadRows(manager, NAME, 5, (int) ROWS + 1));
            assertTrue(e.getMessage().contains("[5, 152065)") && e.getMessage().contains("152064"), e.getMessage());
        }
    }
}
