package org.lens4j.core.checkpoint.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.lens4j.core.checkpoint.CheckpointFormatException;
import org.lens4j.core.checkpoint.TensorDType;
import org.lens4j.core.checkpoint.TensorInfo;

/**
 * One validated, memory-mapped safetensors file.
 *
 * <p>Layout: an unsigned 64-bit little-endian header length {@code N}, {@code N} bytes of UTF-8
 * JSON, then the data section. Opening checks that every tensor has a supported dtype, that its
 * offsets span exactly {@code elements × dtype size} bytes inside the data section, and that the
 * tensors tile the data section with no overlap, gap or trailing bytes.
 */
public final class SafetensorsFile {

    /** Largest accepted JSON header, in bytes (the limit of the reference implementation). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final int LENGTH_PREFIX_BYTES = 8;

    private final Path file;
    private final long dataStart;
    private final SortedMap<String, TensorInfo> tensors;
    private final Map<String, String> metadata;
    private final MappedWindows windows;

    private SafetensorsFile(Path file, long dataStart, SortedMap<String, TensorInfo> tensors,
            Map<String, String> metadata, MappedWindows windows) {
        this.file = file;
        this.dataStart = dataStart;
        this.tensors = tensors;
        this.metadata = metadata;
        this.windows = windows;
    }

    /**
     * Reads and validates the header of {@code file} and maps it in windows of {@code windowBytes}.
     *
     * @throws CheckpointFormatException when the file breaks the format
     * @throws IOException when the file cannot be read
     */
    public static SafetensorsFile open(Path file, long windowBytes) throws IOException {
        String json;
        long fileSize;
        long headerBytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            fileSize = channel.size();
            headerBytes = readHeaderLength(channel, file, fileSize);
            json = readHeaderText(channel, file, (int) headerBytes);
        }
        long dataStart = LENGTH_PREFIX_BYTES + headerBytes;
        HeaderParser.Parsed parsed = new HeaderParser(file).parse(json);
        SortedMap<String, TensorInfo> tensors = validate(file, parsed.entries(), fileSize - dataStart);
        MappedWindows windows = MappedWindows.map(file, windowBytes);
        return new SafetensorsFile(file, dataStart, Collections.unmodifiableSortedMap(tensors),
                Collections.unmodifiableMap(parsed.metadata()), windows);
    }

    private static long readHeaderLength(FileChannel channel, Path file, long fileSize) throws IOException {
        if (fileSize < LENGTH_PREFIX_BYTES) {
            throw new CheckpointFormatException("invalid safetensors file " + file + ": it has " + fileSize
                    + " bytes, fewer than the 8-byte header length; the file is truncated or not a safetensors file");
        }
        ByteBuffer prefix = ByteBuffer.allocate(LENGTH_PREFIX_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, prefix, 0);
        long headerBytes = prefix.getLong(0);
        long available = fileSize - LENGTH_PREFIX_BYTES;
        if (headerBytes < 0 || headerBytes > available) {
            throw new CheckpointFormatException("invalid safetensors file " + file + ": header length "
                    + Long.toUnsignedString(headerBytes) + " exceeds the " + available
                    + " bytes after the length prefix; the file is truncated or not a safetensors file");
        }
        if (headerBytes > MAX_HEADER_BYTES) {
            throw new CheckpointFormatException("invalid safetensors file " + file + ": header length "
                    + headerBytes + " exceeds the maximum of " + MAX_HEADER_BYTES + " bytes");
        }
        return headerBytes;
    }

    private static String readHeaderText(FileChannel channel, Path file, int headerBytes) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(headerBytes);
        readFully(channel, header, LENGTH_PREFIX_BYTES);
        header.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(header)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointFormatException("invalid safetensors header in " + file
                    + ": it is not valid UTF-8; the file is corrupt or not a safetensors file", e);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer target, long position) throws IOException {
        long offset = position;
        while (target.hasRemaining()) {
            int read = channel.read(target, offset);
            if (read < 0) {
                throw new IOException("unexpected end of file at byte " + offset);
            }
            offset += read;
        }
    }

    private static SortedMap<String, TensorInfo> validate(Path file, List<HeaderParser.RawEntry> entries, long dataBytes) {
        SortedMap<String, TensorInfo> tensors = new TreeMap<>();
        for (HeaderParser.RawEntry entry : entries) {
            tensors.put(entry.name(), validateEntry(file, entry, dataBytes));
        }
        checkTiling(file, new ArrayList<>(tensors.values()), dataBytes);
        return tensors;
    }

    private static TensorInfo validateEntry(Path file, HeaderParser.RawEntry entry, long dataBytes) {
        String where = "tensor '" + entry.name() + "' in " + file;
        TensorDType dtype = parseDType(entry.dtype(), where);
        if (entry.begin() > entry.end()) {
            throw new CheckpointFormatException("invalid " + where + ": data_offsets [" + entry.begin() + ", "
                    + entry.end() + "] are reversed (begin > end)");
        }
        long expected = expectedBytes(entry.shape(), dtype, where);
        long span = entry.end() - entry.begin();
        if (span != expected) {
            throw new CheckpointFormatException("invalid " + where + ": data_offsets [" + entry.begin() + ", "
                    + entry.end() + "] span " + span + " bytes but shape " + Arrays.toString(entry.shape())
                    + " of " + dtype + " needs " + expected + " bytes");
        }
        if (entry.end() > dataBytes) {
            throw new CheckpointFormatException("invalid " + where + ": it needs bytes [" + entry.begin() + ", "
                    + entry.end() + ") of the data section (" + entry.end() + " bytes) but only " + dataBytes
                    + " bytes are available; the file is truncated");
        }
        return new TensorInfo(entry.name(), dtype, entry.shape(), file, entry.begin(), entry.end());
    }

    private static TensorDType parseDType(String dtype, String where) {
        for (TensorDType candidate : TensorDType.values()) {
            if (candidate.name().equals(dtype)) {
                return candidate;
            }
        }
        throw new CheckpointFormatException("unsupported dtype '" + dtype + "' for " + where
                + "; supported dtypes: " + Arrays.toString(TensorDType.values())
                + "; convert the checkpoint (for example to bf16 or f32) before loading");
    }

    private static long expectedBytes(long[] shape, TensorDType dtype, String where) {
        try {
            long bytes = dtype.byteSize();
            for (long dim : shape) {
                bytes = Math.multiplyExact(bytes, dim);
            }
            return bytes;
        } catch (ArithmeticException e) {
            throw new CheckpointFormatException("invalid " + where + ": shape " + Arrays.toString(shape)
                    + " overflows a 64-bit byte count", e);
        }
    }

    /** Checks that the tensors, sorted by offset, cover [0, dataBytes) exactly once. */
    private static void checkTiling(Path file, List<TensorInfo> tensors, long dataBytes) {
        tensors.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long covered = 0;
        TensorInfo previous = null;
        for (TensorInfo tensor : tensors) {
            if (tensor.begin() < covered) {
                throw new CheckpointFormatException("invalid safetensors file " + file + ": tensors '"
                        + previous.name() + "' [" + previous.begin() + ", " + previous.end() + ") and '"
                        + tensor.name() + "' [" + tensor.begin() + ", " + tensor.end() + ") overlap");
            }
            if (tensor.begin() > covered) {
                throw new CheckpointFormatException("invalid safetensors file " + file + ": "
                        + (tensor.begin() - covered) + " unused bytes before tensor '" + tensor.name()
                        + "' (data up to byte " + covered + " is accounted for, it begins at " + tensor.begin() + ")");
            }
            covered = tensor.end();
            previous = tensor;
        }
        if (covered != dataBytes) {
            throw new CheckpointFormatException("invalid safetensors file " + file + ": " + (dataBytes - covered)
                    + " trailing bytes after the last tensor (the data section has " + dataBytes
                    + " bytes, the tensors end at byte " + covered + ")");
        }
    }

    /** Returns the file path. */
    public Path file() {
        return file;
    }

    /** Returns the tensors by name. */
    public SortedMap<String, TensorInfo> tensors() {
        return tensors;
    }

    /** Returns the {@code __metadata__} strings, empty when the header has none. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Returns the number of mapped windows. */
    public int windowCount() {
        return windows.windowCount();
    }

    /**
     * Passes the stored bytes {@code [fromByte, toByte)} of a tensor (relative to the tensor's
     * first byte) to {@code action} as little-endian chunks of whole elements.
     */
    public void forEachChunk(TensorInfo tensor, long fromByte, long toByte, Consumer<ByteBuffer> action) {
        long base = dataStart + tensor.begin();
        windows.forEachChunk(base + fromByte, base + toByte, tensor.dtype().byteSize(), action);
    }
}
