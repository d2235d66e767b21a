package org.lens4j.models.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lens4j.core.capture.ForwardHooks;

/** Forward hooks that copy every output (and count every input) to the Java heap. */
public final class OutputRecorder implements ForwardHooks {

    /**
     * One captured output.
     *
     * @param shape the array's shape
     * @param values the values as float32, row-major
     */
    public record Recorded(long[] shape, float[] values) {
    }

    private final Map<String, List<Recorded>> outputs = new LinkedHashMap<>();
    private final Map<String, Integer> inputCalls = new LinkedHashMap<>();

    @Override
    public boolean isHooked(String module) {
        return true;
    }

    @Override
    public void onInput(String module, NDArray input) {
        inputCalls.merge(module, 1, Integer::sum);
    }

    @Override
    public void onOutput(String module, NDArray output) {
        float[] values;
        if (output.getDataType() == DataType.FLOAT32) {
            values = output.toFloatArray();
        } else {
            try (NDArray widened = output.toType(DataType.FLOAT32, false)) {
                values = widened.toFloatArray();
            }
        }
        outputs.computeIfAbsent(module, key -> new ArrayList<>())
                .add(new Recorded(output.getShape().getShape(), values));
    }

    /** Returns every output by module, in first-call order. */
    public Map<String, List<Recorded>> outputs() {
        return outputs;
    }

    /** Returns the number of input calls by module. */
    public Map<String, Integer> inputCalls() {
        return inputCalls;
    }
}
