package org.lens4j.models.testing;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.lens4j.core.capture.ForwardHooks;

/** Hooks that copy every output (and optionally input) they see to the Java heap, per call. */
public final class RecordingHooks implements ForwardHooks {

    /** One recorded tensor: row-major float32 values and the shape. */
    public record Tensor(float[] values, long[] shape) {
    }

    private final Predicate<String> listened;
    private final Map<String, List<Tensor>> outputs = new LinkedHashMap<>();
    private final Map<String, List<Tensor>> inputs = new LinkedHashMap<>();

    private RecordingHooks(Predicate<String> listened) {
        this.listened = listened;
    }

    /** Hooks that listen on every module. */
    public static RecordingHooks all() {
        return new RecordingHooks(name -> true);
    }

    /** Hooks that listen on the given modules only. */
    public static RecordingHooks only(List<String> names) {
        return new RecordingHooks(names::contains);
    }

    @Override
    public boolean isHooked(String module) {
        return listened.test(module);
    }

    @Override
    public void onInput(String module, NDArray input) {
        if (listened.test(module) && input != null) {
            inputs.computeIfAbsent(module, k -> new ArrayList<>()).add(copy(input));
        }
    }

    @Override
    public void onOutput(String module, NDArray output) {
        if (listened.test(module)) {
            outputs.computeIfAbsent(module, k -> new ArrayList<>()).add(copy(output));
        }
    }

    /** Returns the outputs by module, each a list of calls. */
    public Map<String, List<Tensor>> outputs() {
        return outputs;
    }

    /** Returns the inputs by module, each a list of calls. */
    public Map<String, List<Tensor>> inputs() {
        return inputs;
    }

    /** Returns the first output of {@code module}, or fails naming the modules seen. */
    public Tensor output(String module) {
        List<Tensor> calls = outputs.get(module);
        if (calls == null || calls.isEmpty()) {
            throw new AssertionError("no output recorded for '" + module + "'; recorded: " + outputs.keySet());
        }
        return calls.get(0);
    }

    private static Tensor copy(NDArray array) {
        NDArray values = array;
        float[] data = switch (array.getDataType()) {
            case FLOAT32 -> values.toFloatArray();
            default -> {
                long[] longs = array.toType(ai.djl.ndarray.types.DataType.INT64, false).toLongArray();
                float[] out = new float[longs.length];
                for (int i = 0; i < longs.length; i++) {
                    out[i] = longs[i];
                }
                yield out;
            }
        };
        return new Tensor(data, array.getShape().getShape());
    }
}
