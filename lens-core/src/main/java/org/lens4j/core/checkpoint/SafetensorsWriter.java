package org.lens4j.core.checkpoint;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes tensors to a safetensors file.
 *
 * <p>Tensors are stored in name order, contiguously; the JSON header is padded with spaces to a
 * multiple of 8 bytes so that the data section starts 8-byte aligned.
 *
 * <pre>{@code
 * SafetensorsWriter.write(Path.of("out.safetensors"), Map.of(
 *         "weight", TensorData.ofFloats(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}),
 *         "ids", TensorData.ofLongs(new long[] {2}, new long[] {7, 8})));
 * }</pre>
 *
 * @implNote Each tensor is held in memory as a byte array, so one tensor is limited to 2 GiB.
 */
public final class SafetensorsWriter {

    private static final int ALIGNMENT = 8;

    private static final String METADATA_KEY = "__metadata__";

    private SafetensorsWriter() {
    }

    /** Writes {@code tensors} to {@code file}, replacing it. */
    public static void write(Path file, Map<String, TensorData> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /**
     * Writes {@code tensors} and the {@code __metadata__} strings to {@code file}, replacing it.
     *
     * @throws IllegalArgumentException when a tensor is named {@code __metadata__}
     */
    public static void write(Path file, Map<String, TensorData> tensors, Map<String, String> metadata) throws IOException {
        TreeMap<String, TensorData> sorted = new TreeMap<>(tensors);
        if (sorted.containsKey(METADATA_KEY)) {
            throw new IllegalArgumentException("tensor name '" + METADATA_KEY + "' is reserved for metadata");
        }
        byte[] header = paddedHeader(sorted, metadata);

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
            writeFully(channel, prefix);
            writeFully(channel, ByteBuffer.wrap(header));
            for (TensorData tensor : sorted.values()) {
                writeFully(channel, tensor.buffer());
            }
        }
    }

    private static byte[] paddedHeader(Map<String, TensorData> tensors, Map<String, String> metadata) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.beginObject();
            if (!metadata.isEmpty()) {
                json.name(METADATA_KEY).beginObject();
                for (Map.Entry<String, String> entry : new TreeMap<>(metadata).entrySet()) {
                    json.name(entry.getKey()).value(entry.getValue());
                }
                json.endObject();
            }
            long offset = 0;
            for (Map.Entry<String, TensorData> entry : tensors.entrySet()) {
                TensorData tensor = entry.getValue();
                long end = offset + tensor.buffer().remaining();
                json.name(entry.getKey()).beginObject();
                json.name("dtype").value(tensor.dtype().name());
                json.name("shape").beginArray();
                for (long dim : tensor.shape()) {
                    json.value(dim);
                }
                json.endArray();
                json.name("data_offsets").beginArray().value(offset).value(end).endArray();
                json.endObject();
                offset = end;
            }
            json.endObject();
        }
        byte[] unpadded = text.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (unpadded.length + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        byte[] header = new byte[padded];
        System.arraycopy(unpadded, 0, header, 0, unpadded.length);
        for (int i = unpadded.length; i < padded; i++) {
            header[i] = ' ';
        }
        return header;
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
