package org.lens4j.core.image;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A minimal safetensors reader for tests of this package: an 8-byte little-endian header length,
 * a JSON header {@code {name: {dtype, shape, data_offsets}}}, then the data. Reads F32 and I64.
 *
 * <p>NOTE: test-only stand-in; switch to the library's safetensors checkpoint reader once this
 * module has one.
 */
final class GoldenTensors {

    /** One stored tensor. */
    record Tensor(String dtype, long[] shape, ByteBuffer data) {

        float[] floats() {
            if (!dtype.equals("F32")) {
                throw new IllegalStateException("tensor is " + dtype + ", not F32");
            }
            float[] out = new float[data.remaining() / 4];
            data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        }

        long[] longs() {
            if (!dtype.equals("I64")) {
                throw new IllegalStateException("tensor is " + dtype + ", not I64");
            }
            long[] out = new long[data.remaining() / 8];
            data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
            return out;
        }
    }

    private final Map<String, Tensor> tensors = new TreeMap<>();

    private GoldenTensors(byte[] file) {
        ByteBuffer buffer = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = Math.toIntExact(buffer.getLong(0));
        String header = new String(file, 8, headerLength, StandardCharsets.UTF_8);
        JsonObject json = JsonParser.parseString(header).getAsJsonObject();
        for (Map.Entry<String, JsonElement> entry : json.entrySet()) {
            if (entry.getKey().equals("__metadata__")) {
                continue;
            }
            JsonObject info = entry.getValue().getAsJsonObject();
            long[] shape = new long[info.getAsJsonArray("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = info.getAsJsonArray("shape").get(i).getAsLong();
            }
            int begin = 8 + headerLength + info.getAsJsonArray("data_offsets").get(0).getAsInt();
            int end = 8 + headerLength + info.getAsJsonArray("data_offsets").get(1).getAsInt();
            ByteBuffer data = ByteBuffer.wrap(file, begin, end - begin).slice();
            tensors.put(entry.getKey(), new Tensor(info.get("dtype").getAsString(), shape, data));
        }
    }

    static GoldenTensors read(Path file) throws IOException {
        return new GoldenTensors(Files.readAllBytes(file));
    }

    Set<String> names() {
        return tensors.keySet();
    }

    boolean contains(String name) {
        return tensors.containsKey(name);
    }

    Tensor get(String name) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("no tensor '" + name + "'; present: " + tensors.keySet());
        }
        return tensor;
    }
}
