package org.lens4j.core.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.lens4j.core.LensRuntime;

/**
 * Prints how long reading 100 MB of float32 and 50 MB of bfloat16 takes, to show that reads cost
 * about a memory copy rather than per-element boxing. Not a unit test: run it by hand with
 *
 * <pre>
 * mvn -o -q -pl lens-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.lens4j.core.checkpoint.ReadThroughputBenchmark
 * </pre>
 *
 * <p>The tensors live in a sparse file (sized with {@code setLength}, nothing written), so the
 * run uses almost no disk, and every value reads as zero.
 */
public final class ReadThroughputBenchmark {

    private static final long ELEMENTS = 100L * 1024 * 1024 / Float.BYTES;
    private static final int REPEATS = 5;

    private ReadThroughputBenchmark() {
    }

    /** Runs each read {@value #REPEATS} times after one warm-up and prints the times. */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("lens-read-benchmark");
        Path file = createSparseFile(dir);
        try (NDManager manager = LensRuntime.newManager();
                SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            report("readFloats, 100 MB F32", () -> checkpoint.readFloats("f32"));
            report("load, 100 MB F32", () -> closeAfter(checkpoint.load(manager, "f32")));
            report("load with widening, 50 MB BF16", () -> closeAfter(checkpoint.load(manager, "bf16")));
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private static void closeAfter(NDArray array) {
        array.close();
    }

    private static void report(String what, Runnable read) {
        read.run();
        StringBuilder times = new StringBuilder();
        for (int i = 0; i < REPEATS; i++) {
            long start = System.nanoTime();
            read.run();
            times.append(String.format(Locale.ROOT, " %.3f", (System.nanoTime() - start) / 1e9));
        }
        System.out.println(what + ": seconds per read" + times);
    }

    private static Path createSparseFile(Path dir) throws IOException {
        long f32Bytes = ELEMENTS * 4;
        long bf16Bytes = ELEMENTS * 2;
        String json = "{" + RawFiles.entry("f32", "F32", "[" + ELEMENTS + "]", 0, f32Bytes) + ","
                + RawFiles.entry("bf16", "BF16", "[" + ELEMENTS + "]", f32Bytes, f32Bytes + bf16Bytes) + "}";
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("throughput.safetensors");
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(8 + header.length + f32Bytes + bf16Bytes);
            out.getChannel().write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length), 0);
            out.getChannel().write(ByteBuffer.wrap(header), 8);
        }
        return file;
    }
}
