package org.lens4j.models.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.lens4j.core.checkpoint.Checkpoint;
import org.lens4j.core.checkpoint.TensorDType;
import org.lens4j.core.checkpoint.TensorInfo;

/** A small in-memory reader of one F32/I64 safetensors file, for tests. */
public final class TestSafetensors implements Checkpoint {

    private final Path file;
    private final Map<String, TensorInfo> infos = new TreeMap<>();
    private final ByteBuffer data;

    private TestSafetensors(Path file) throws IOException {
        this.file = file;
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = Math.toIntExact(buffer.getLong(0));
        String header = new String(bytes, 8, headerLength, StandardCharsets.UTF_8);
        JsonObject json = JsonParser.parseString(header).getAsJsonObject();
        for (Map.Entry<String, JsonElement> entry : json.entrySet()) {
            if (entry.getKey().equals("__metadata__")) {
                continue;
            }
            JsonObject tensor = entry.getValue().getAsJsonObject();
            long[] shape = new long[tensor.getAsJsonArray("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = tensor.getAsJsonArray("shape").get(i).getAsLong();
            }
            long begin = tensor.getAsJsonArray("data_offsets").get(0).getAsLong();
            long end = tensor.getAsJsonArray("data_offsets").get(1).getAsLong();
            infos.put(entry.getKey(), new TensorInfo(entry.getKey(),
                    TensorDType.valueOf(tensor.get("dtype").getAsString()), shape, file, begin, end));
        }
        buffer.position(8 + headerLength);
        this.data = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Reads the whole file. */
    public static TestSafetensors open(Path file) {
        try {
            return new TestSafetensors(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Set<String> names() {
        return infos.keySet();
    }

    @Override
    public boolean contains(String name) {
        return infos.containsKey(name);
    }

    @Override
    public TensorInfo info(String name) {
        TensorInfo info = infos.get(name);
        if (info == null) {
            throw new IllegalArgumentException("no tensor " + name + " in " + file);
        }
        return info;
    }

    @Override
    public float[] readFloats(String name) {
        TensorInfo info = info(name);
        if (info.dtype() != TensorDType.F32) {
            throw new IllegalArgumentException("test reader handles F32 only: " + info);
        }
        float[] out = new float[Math.toIntExact(info.elementCount())];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.getFloat(Math.toIntExact(info.begin()) + 4 * i);
        }
        return out;
    }

    @Override
    public long[] readLongs(String name) {
        TensorInfo info = info(name);
        if (info.dtype() != TensorDType.I64) {
            throw new IllegalArgumentException("test reader handles I64 only: " + info);
        }
        long[] out = new long[Math.toIntExact(info.elementCount())];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.getLong(Math.toIntExact(info.begin()) + 8 * i);
        }
        return out;
    }

    @Override
    public NDArray load(NDManager manager, String name) {
        TensorInfo info = info(name);
        Shape shape = new Shape(info.shape());
        return info.dtype() == TensorDType.I64
                ? manager.create(readLongs(name), shape)
                : manager.create(readFloats(name), shape);
    }

    @Override
    public void close() {
    }
}
