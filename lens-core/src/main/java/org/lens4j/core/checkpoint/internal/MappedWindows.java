package org.lens4j.core.checkpoint.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * A read-only memory mapping of a whole file as overlapping windows, each under 2 GiB.
 *
 * <p>Java 17 maps at most {@code Integer.MAX_VALUE} bytes per buffer, so a larger file is
 * mapped as windows starting every {@code windowBytes − overlap} bytes. Because consecutive
 * windows share {@code overlap} bytes (at least 8, the largest element), any element lies wholly
 * inside the window chosen for its first byte, and a span is served as a few chunks that each
 * hold whole elements.
 *
 * <p>Instances are immutable after construction and safe to read from several threads.
 */
public final class MappedWindows {

    /** Default window size: 1 GiB. */
    public static final long DEFAULT_WINDOW_BYTES = 1L << 30;

    /** Smallest accepted window size, so that the overlap holds the largest element (8 bytes). */
    public static final long MIN_WINDOW_BYTES = 16;

    private static final long MAX_OVERLAP_BYTES = 4096;

    private final Path file;
    private final long size;
    private final long stride;
    private final MappedByteBuffer[] windows;

    private MappedWindows(Path file, long size, long stride, MappedByteBuffer[] windows) {
        this.file = file;
        this.size = size;
        this.stride = stride;
        this.windows = windows;
    }

    /**
     * Maps {@code file} read-only in windows of {@code windowBytes}.
     *
     * @throws IllegalArgumentException when {@code windowBytes} is outside
     *     [{@value #MIN_WINDOW_BYTES}, {@code Integer.MAX_VALUE}]
     */
    public static MappedWindows map(Path file, long windowBytes) throws IOException {
        if (windowBytes < MIN_WINDOW_BYTES || windowBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("window size " + windowBytes + " bytes is outside ["
                    + MIN_WINDOW_BYTES + ", " + Integer.MAX_VALUE + "]");
        }
        long overlap = Math.min(MAX_OVERLAP_BYTES, windowBytes / 2);
        long stride = windowBytes - overlap;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int count = windowCount(size, windowBytes, stride);
            MappedByteBuffer[] windows = new MappedByteBuffer[count];
            for (int i = 0; i < count; i++) {
                long start = i * stride;
                long length = Math.min(windowBytes, size - start);
                windows[i] = channel.map(FileChannel.MapMode.READ_ONLY, start, length);
            }
            return new MappedWindows(file, size, stride, windows);
        }
    }

    private static int windowCount(long size, long windowBytes, long stride) {
        if (size <= windowBytes) {
            return 1;
        }
        return Math.toIntExact(Math.addExact(ceilDiv(size - windowBytes, stride), 1));
    }

    private static long ceilDiv(long numerator, long denominator) {
        return (numerator + denominator - 1) / denominator;
    }

    /** Returns the mapped file. */
    public Path file() {
        return file;
    }

    /** Returns the file size in bytes. */
    public long size() {
        return size;
    }

    /** Returns the number of windows. */
    public int windowCount() {
        return windows.length;
    }

    /**
     * Passes the bytes {@code [begin, end)} of the file to {@code action} as consecutive
     * little-endian chunks, in order. Each chunk is a fresh buffer positioned at 0 whose length
     * is a multiple of {@code elementBytes} (measured from {@code begin}).
     */
    public void forEachChunk(long begin, long end, int elementBytes, Consumer<ByteBuffer> action) {
        if (begin < 0 || end > size || begin > end) {
            throw new IllegalArgumentException("byte range [" + begin + ", " + end + ") is outside "
                    + file + " of " + size + " bytes");
        }
        long position = begin;
        while (position < end) {
            int index = (int) Math.min(position / stride, windows.length - 1);
            long windowStart = index * stride;
            long available = windowStart + windows[index].capacity() - position;
            long length = Math.min(end - position, available);
            if (length < end - position) {
                length -= length % elementBytes;
            }
            if (length <= 0) {
                throw new IllegalStateException("window " + index + " of " + file + " holds no whole"
                        + " element at byte " + position + "; the window overlap is smaller than "
                        + elementBytes + " bytes");
            }
            ByteBuffer chunk = windows[index]
                    .slice((int) (position - windowStart), (int) length)
                    .order(ByteOrder.LITTLE_ENDIAN);
            action.accept(chunk);
            position += length;
        }
    }
}
