package org.lens4j.core.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Consumer;
import org.lens4j.core.checkpoint.internal.ArrayFilling;
import org.lens4j.core.checkpoint.internal.CheckpointLayout;
import org.lens4j.core.checkpoint.internal.ElementConversions;
import org.lens4j.core.checkpoint.internal.MappedWindows;
import org.lens4j.core.checkpoint.internal.NameSuggestions;
import org.lens4j.core.checkpoint.internal.SafetensorsFile;
import org.lens4j.core.checkpoint.internal.ShardAssembly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A strict, memory-mapped reader of safetensors checkpoints.
 *
 * <p>{@link #open(Path)} accepts a single {@code .safetensors} file, or a folder holding
 * {@code model.safetensors.index.json} with its shards (the index is authoritative, and a
 * {@code model.safetensors} beside it is ignored), {@code model.safetensors}, or
 * {@code consolidated.safetensors}. Every header is validated when the checkpoint opens: dtype,
 * shape and offsets of each tensor, and that the tensors tile each data section exactly. Files are
 * mapped read-only in windows under 2 GiB, so shards of any size work.
 *
 * <p>Loading copies once: {@link #load} writes the elements straight into the native memory of a
 * new NDArray (a bulk copy for F32 and I64, a widening loop for the other dtypes), so the array
 * owns its data and no direct-buffer memory is held. BF16 and F16 become float32 in Java. On an
 * engine that does not expose an array's memory, the elements go through a direct buffer that
 * the engine keeps as storage.
 *
 * <p>One NDArray contains at most {@link #MAX_LOAD_BYTES} bytes, so a larger tensor (for example a
 * 152064 × 3584 float32 embedding) is loaded in row ranges with {@link #loadRows}.
 *
 * <pre>{@code
 * try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(Path.of("qwen2-vl"));
 *      NDManager manager = LensRuntime.newManager()) {
 *     NDArray weight = checkpoint.load(manager, "model.layers.0.mlp.up_proj.weight");
 * }
 * }</pre>
 *
 * <p>Instances are safe to read from several threads.
 */
public final class SafetensorsCheckpoint implements Checkpoint {

    /**
     * Largest array, in bytes, that one {@link #load} or {@link #loadRows} call creates, because
     * DJL passes array data through {@code ByteBuffer}s, whose capacity is an {@code int}.
     */
    public static final long MAX_LOAD_BYTES = Integer.MAX_VALUE;

    private static final Logger LOG = LoggerFactory.getLogger(SafetensorsCheckpoint.class);

    private static final int MAX_JAVA_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private static final int SUGGESTIONS = 3;

    private static final int COMPARE_BLOCK_BYTES = 1 << 20;

    private final Path source;
    private final SortedMap<String, TensorInfo> tensors;
    private final List<Path> paths;
    private final Map<String, String> metadata;
    private volatile Map<Path, SafetensorsFile> files;

    private SafetensorsCheckpoint(Path source, SortedMap<String, TensorInfo> tensors,
            Map<Path, SafetensorsFile> files, Map<String, String> metadata) {
        this.source = source;
        this.tensors = Collections.unmodifiableSortedMap(tensors);
        this.paths = List.copyOf(files.keySet());
        this.metadata = Collections.unmodifiableMap(metadata);
        this.files = files;
    }

    /**
     * Opens and validates the checkpoint at {@code path} (a file or a folder).
     *
     * @throws IllegalArgumentException when the path contains no checkpoint
     * @throws CheckpointFormatException when a file or the index is invalid, naming file, tensor and values
     * @throws UncheckedIOException when a file cannot be read
     */
    public static SafetensorsCheckpoint open(Path path) {
        return open(path, MappedWindows.DEFAULT_WINDOW_BYTES);
    }

    /** Opens with a chosen mapping window size. Tests use small windows to exercise the windowing. */
    static SafetensorsCheckpoint open(Path path, long windowBytes) {
        try {
            CheckpointLayout layout = CheckpointLayout.resolve(path);
            Map<Path, SafetensorsFile> files = new LinkedHashMap<>();
            for (Path file : layout.files()) {
                files.put(file, SafetensorsFile.open(file, windowBytes));
            }
            List<SafetensorsFile> opened = new ArrayList<>(files.values());
            SortedMap<String, TensorInfo> tensors = ShardAssembly.assemble(layout, opened);
            LOG.debug("Opened checkpoint {}: {} tensors in {} file(s)", layout.source(), tensors.size(), files.size());
            return new SafetensorsCheckpoint(layout.source(), tensors, files, mergedMetadata(opened));
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read checkpoint " + path + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> mergedMetadata(List<SafetensorsFile> files) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (SafetensorsFile file : files) {
            file.metadata().forEach(merged::putIfAbsent);
        }
        return merged;
    }

    /** Returns the path the checkpoint was opened from, absolute. */
    public Path source() {
        return source;
    }

    /** Returns the files that hold the tensors, in the order they were opened. */
    public List<Path> files() {
        return paths;
    }

    /**
     * Returns the {@code __metadata__} strings of the files. Where shards disagree on a key, the
     * first file's value wins.
     */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public Set<String> names() {
        ensureOpen();
        return tensors.keySet();
    }

    @Override
    public boolean contains(String name) {
        ensureOpen();
        return tensors.containsKey(name);
    }

    @Override
    public TensorInfo info(String name) {
        ensureOpen();
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new IllegalArgumentException("tensor '" + name + "' not found in " + source
                    + "; closest names: " + NameSuggestions.closest(name, tensors.keySet(), SUGGESTIONS));
        }
        return info;
    }

    /** Returns a copy of the stored little-endian bytes of a tensor. */
    public byte[] readRaw(String name) {
        TensorInfo info = info(name);
        long bytes = info.end() - info.begin();
        checkArrayLength(info, bytes, "bytes");
        ByteBuffer target = ByteBuffer.wrap(new byte[(int) bytes]);
        forEachChunk(info, 0, bytes, target::put);
        return target.array();
    }

    @Override
    public float[] readFloats(String name) {
        TensorInfo info = info(name);
        checkArrayLength(info, info.elementCount(), "floats");
        float[] values = new float[(int) info.elementCount()];
        FloatBuffer target = FloatBuffer.wrap(values);
        forEachElementChunk(info, 0, info.elementCount(), chunk -> ElementConversions.toFloats(info.dtype(), chunk, target));
        return values;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the tensor is floating-point
     */
    @Override
    public long[] readLongs(String name) {
        TensorInfo info = info(name);
        requireIntegral(info);
        checkArrayLength(info, info.elementCount(), "longs");
        long[] values = new long[(int) info.elementCount()];
        LongBuffer target = LongBuffer.wrap(values);
        forEachElementChunk(info, 0, info.elementCount(), chunk -> ElementConversions.toLongs(info.dtype(), chunk, target));
        return values;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the loaded array would exceed {@link #MAX_LOAD_BYTES};
     *     the message gives the row count per {@link #loadRows} call that fits
     */
    @Override
    public NDArray load(NDManager manager, String name) {
        TensorInfo info = info(name);
        DataType type = loadType(info.dtype());
        long bytes = Math.multiplyExact(info.elementCount(), (long) type.getNumOfBytes());
        if (bytes > MAX_LOAD_BYTES) {
            String rows = info.shape().length == 0 ? "" : ", at most " + maxRowsPerLoad(name) + " rows per call";
            throw new IllegalArgumentException("tensor " + info + " needs " + bytes + " bytes as " + type
                    + ", more than the " + MAX_LOAD_BYTES + " bytes DJL can create in one NDArray; load it in row"
                    + " ranges with loadRows(manager, \"" + name + "\", fromRow, toRow)" + rows);
        }
        return loadElements(manager, info, 0, info.elementCount(), info.shape());
    }

    /**
     * Loads rows {@code [fromRow, toRow)} of a tensor (a range along its first dimension), with the
     * same dtype rules as {@link #load}. The result has shape {@code [toRow − fromRow, rest...]}.
     *
     * @throws IllegalArgumentException when the tensor is a scalar, the range is outside
     *     {@code [0, rows]}, or the rows exceed {@link #MAX_LOAD_BYTES}
     */
    public NDArray loadRows(NDManager manager, String name, int fromRow, int toRow) {
        TensorInfo info = info(name);
        long[] shape = info.shape();
        long rowElements = rowElements(info);
        if (fromRow < 0 || toRow > shape[0] || fromRow > toRow) {
            throw new IllegalArgumentException("row range [" + fromRow + ", " + toRow + ") is outside [0, "
                    + shape[0] + "] for tensor " + info);
        }
        int maxRows = maxRowsPerLoad(name);
        if (toRow - fromRow > maxRows) {
            throw new IllegalArgumentException("rows [" + fromRow + ", " + toRow + ") of tensor " + info
                    + " exceed the " + MAX_LOAD_BYTES + " bytes of one NDArray; load at most " + maxRows + " rows per call");
        }
        long[] rowsShape = shape.clone();
        rowsShape[0] = toRow - fromRow;
        return loadElements(manager, info, fromRow * rowElements, toRow * rowElements, rowsShape);
    }

    /**
     * Returns the largest number of rows of a tensor that one {@link #loadRows} call loads.
     *
     * @throws IllegalArgumentException when the tensor is a scalar
     */
    public int maxRowsPerLoad(String name) {
        TensorInfo info = info(name);
        long rowBytes = rowElements(info) * loadType(info.dtype()).getNumOfBytes();
        long rows = rowBytes == 0 ? Integer.MAX_VALUE : MAX_LOAD_BYTES / rowBytes;
        return (int) Math.min(rows, Integer.MAX_VALUE);
    }

    /**
     * Drops the mappings, and does nothing when already closed. Later calls except {@link #close()}, {@link #source()},
     * {@link #files()} and {@link #metadata()} throw {@link IllegalStateException}.
     *
     * @implNote Java 17 has no public way to unmap a file, so the operating system releases the
     *     mapped pages once the buffers are garbage collected.
     */
    @Override
    public void close() {
        files = null;
    }

    /** Returns whether two tensors have the same dtype, shape and stored bytes. */
    boolean sameStoredData(String first, String second) {
        TensorInfo a = info(first);
        TensorInfo b = info(second);
        if (a.dtype() != b.dtype() || !Arrays.equals(a.shape(), b.shape())) {
            return false;
        }
        long total = a.end() - a.begin();
        byte[] left = new byte[(int) Math.min(COMPARE_BLOCK_BYTES, total)];
        byte[] right = new byte[left.length];
        for (long from = 0; from < total; from += COMPARE_BLOCK_BYTES) {
            long to = Math.min(total, from + COMPARE_BLOCK_BYTES);
            forEachChunk(a, from, to, ByteBuffer.wrap(left)::put);
            forEachChunk(b, from, to, ByteBuffer.wrap(right)::put);
            int length = (int) (to - from);
            if (!Arrays.equals(left, 0, length, right, 0, length)) {
                return false;
            }
        }
        return true;
    }

    /** Returns the number of mapped windows of the file holding a tensor. */
    int windowCount(String name) {
        return file(info(name)).windowCount();
    }

    void forEachChunk(TensorInfo info, long fromByte, long toByte, Consumer<ByteBuffer> action) {
        file(info).forEachChunk(info, fromByte, toByte, action);
    }

    private void forEachElementChunk(TensorInfo info, long fromElement, long toElement, Consumer<ByteBuffer> action) {
        int size = info.dtype().byteSize();
        forEachChunk(info, fromElement * size, toElement * size, action);
    }

    private NDArray loadElements(NDManager manager, TensorInfo info, long fromElement, long toElement, long[] shape) {
        DataType type = loadType(info.dtype());
        long bytes = (toElement - fromElement) * type.getNumOfBytes();
        Consumer<ByteBuffer> fill = buffer -> forEachElementChunk(info, fromElement, toElement, converter(info.dtype(), type, buffer));
        return ArrayFilling.create(manager, new Shape(shape), type, bytes, fill);
    }

    /** Returns a chunk consumer that converts stored elements and appends them to {@code buffer}. */
    private static Consumer<ByteBuffer> converter(TensorDType dtype, DataType type, ByteBuffer buffer) {
        return switch (type) {
            case FLOAT32 -> {
                FloatBuffer target = buffer.asFloatBuffer();
                yield chunk -> ElementConversions.toFloats(dtype, chunk, target);
            }
            case INT64 -> {
                LongBuffer target = buffer.asLongBuffer();
                yield chunk -> ElementConversions.toLongs(dtype, chunk, target);
            }
            default -> chunk -> ElementConversions.toBooleans(dtype, chunk, buffer);
        };
    }

    private static DataType loadType(TensorDType dtype) {
        if (dtype.isFloatingPoint()) {
            return DataType.FLOAT32;
        }
        return dtype == TensorDType.BOOL ? DataType.BOOLEAN : DataType.INT64;
    }

    private static long rowElements(TensorInfo info) {
        long[] shape = info.shape();
        if (shape.length == 0) {
            throw new IllegalArgumentException("tensor " + info + " is a scalar and has no rows; use load");
        }
        long elements = 1;
        for (int i = 1; i < shape.length; i++) {
            elements *= shape[i];
        }
        return elements;
    }

    private static void requireIntegral(TensorInfo info) {
        if (info.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("tensor " + info + " is floating-point; read it with readFloats");
        }
    }

    private static void checkArrayLength(TensorInfo info, long length, String unit) {
        if (length > MAX_JAVA_ARRAY_LENGTH) {
            throw new IllegalArgumentException("tensor " + info + " has " + length + " " + unit
                    + ", more than a Java array holds; load it in row ranges with loadRows");
        }
    }

    private SafetensorsFile file(TensorInfo info) {
        return ensureOpen().get(info.file());
    }

    private Map<Path, SafetensorsFile> ensureOpen() {
        Map<Path, SafetensorsFile> current = files;
        if (current == null) {
            throw new IllegalStateException("checkpoint " + source + " is closed");
        }
        return current;
    }
}
