package org.lens4j.core.pool;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.Objects;
import org.lens4j.core.capture.SequenceInfo;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.core.pool.internal.SequencePooling;
import org.lens4j.core.pool.internal.VisionPooling;

/**
 * Pools a captured tensor on its device, before it is copied into ND4J.
 *
 * <p>How the tensor is read depends on the module's {@link ModuleKind}:
 * <ul>
 *   <li>{@link ModuleKind#SEQUENCE}: {@code [batch, seq, hidden]}, aligned with
 *       {@link SequenceInfo#attentionMask()} and {@link SequenceInfo#tokenTypes()}. Each batch item
 *       gives one row of the result {@code [batch, hidden]}, pooled over its positions whose mask is
 *       1 and whose token type belongs to the subset.
 *   <li>{@link ModuleKind#VISION}: either {@code [images, patches, hidden]}, pooled over all patches
 *       of each leading entry, or {@code [all patches, hidden]}, split into images by
 *       {@code SequenceInfo.imageRows().rangesFor(module)}. The result is {@code [images, hidden]}.
 *       The subsets {@link TokenSubset#ALL} and {@link TokenSubset#IMAGE} both take every row.
 *   <li>{@link ModuleKind#OTHER}: only {@link Pooling#NONE} applies.
 * </ul>
 *
 * <p>The result and every intermediate belong to the tensor's manager: pool inside a short-lived
 * child manager and keep only what you copy out.
 *
 * <pre>{@code
 * NDArray pooled = Pooler.pool(hidden, "model.layers.14.post_attention_layernorm",
 *         ModuleKind.SEQUENCE, PoolingSpec.of(Pooling.MEAN, TokenSubset.IMAGE), info);  // [batch, hidden]
 * }</pre>
 *
 * @implNote A 3-D vision output is pooled per leading entry, so a family that feeds several crops
 *     or frames of one image through the vision tower gets one row per crop or frame.
 */
public final class Pooler {

    private Pooler() {
    }

    /**
     * Pools {@code tensor}; with {@link Pooling#NONE} returns {@code tensor} itself.
     *
     * @param tensor the captured tensor, float32
     * @param module the module's canonical name, for error messages and 2-D row ranges
     * @param kind how the module's output is laid out
     * @param spec the pooling and token subset
     * @param info what the forward pass reported about its inputs
     * @throws IllegalArgumentException when the tensor's shape does not fit the module kind or the
     *     sequence, when the spec does not apply to the module kind, or when an input has no
     *     position in the subset
     */
    public static NDArray pool(NDArray tensor, String module, ModuleKind kind, PoolingSpec spec,
            SequenceInfo info) {
        Objects.requireNonNull(tensor, "tensor");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(info, "info");
        if (spec.pooling() == Pooling.NONE) {
            return tensor;
        }

        switch (kind) {
            case SEQUENCE:
                return SequencePooling.pool(tensor, module, spec, info);
            case VISION:
                return VisionPooling.pool(tensor, module, spec, info.imageRows());
            default:
                throw new IllegalArgumentException("pooling " + spec + " does not apply to module '" + module
                        + "' of kind " + kind + " with shape " + Arrays.toString(tensor.getShape().getShape())
                        + "; only sequence and vision outputs are pooled, so capture it with pooling none");
        }
    }
}
