package org.lens4j.core.store;

import java.util.Locale;
import java.util.Objects;
import org.lens4j.core.store.internal.NpyFormat;
import org.lens4j.core.store.internal.TorchFormat;

/**
 * Byte formats of the {@code tensor} blob; the {@code codec} column stores {@link #columnValue()}.
 *
 * <pre>{@code
 * byte[] blob = TensorCodec.NPY.encode(StoredTensor.ofFloats(new float[] {1, 2}, 2));
 * StoredTensor back = TensorCodec.detect(blob).decode(blob);
 * }</pre>
 */
public enum TensorCodec {

    /**
     * NumPy {@code .npy} version 1.0: little-endian, C order, explicit shape in the header;
     * {@code numpy.load(io.BytesIO(blob))} reads it. Cannot store bfloat16.
     */
    NPY("npy"),

    /**
     * The zip layout of {@code torch.save} for one tensor;
     * {@code torch.load(io.BytesIO(blob))} reads it, as VLM-Lens' probe code does.
     */
    TORCH("torch");

    private final String columnValue;

    TensorCodec(String columnValue) {
        this.columnValue = columnValue;
    }

    /** Returns the text stored in the {@code codec} column: "npy" or "torch". */
    public String columnValue() {
        return columnValue;
    }

    /**
     * Encodes a tensor as a blob.
     *
     * @throws IllegalArgumentException if this codec cannot store the tensor's dtype
     */
    public byte[] encode(StoredTensor tensor) {
        Objects.requireNonNull(tensor, "tensor");
        return this == NPY ? NpyFormat.encode(tensor) : TorchFormat.encode(tensor);
    }

    /**
     * Decodes a blob written in this codec.
     *
     * @throws IllegalArgumentException if the blob is malformed, or its data length does not match
     *     the shape and dtype it declares
     */
    public StoredTensor decode(byte[] blob) {
        Objects.requireNonNull(blob, "blob");
        return this == NPY ? NpyFormat.decode(blob) : TorchFormat.decode(blob);
    }

    /**
     * Returns the codec of a {@code codec} column value, case-insensitively.
     *
     * @throws IllegalArgumentException for an unknown value
     */
    public static TensorCodec fromColumnValue(String value) {
        Objects.requireNonNull(value, "value");
        for (TensorCodec codec : values()) {
            if (codec.columnValue.equals(value.toLowerCase(Locale.ROOT))) {
                return codec;
            }
        }
        throw new IllegalArgumentException("Unknown tensor codec '" + value
                + "'; expected 'npy' or 'torch'");
    }

    /**
     * Returns the codec a blob was written in, from its first bytes: {@code \x93NUMPY} for npy, a
     * zip local header for torch. Used for rows that have no {@code codec} column, such as rows
     * written by VLM-Lens.
     *
     * @throws IllegalArgumentException if the blob starts like neither
     */
    public static TensorCodec detect(byte[] blob) {
        Objects.requireNonNull(blob, "blob");
        if (NpyFormat.isNpy(blob)) {
            return NPY;
        }
        if (TorchFormat.isTorch(blob)) {
            return TORCH;
        }
        throw new IllegalArgumentException("Blob of " + blob.length + " bytes is neither npy"
                + " (magic \\x93NUMPY) nor a torch.save zip archive");
    }
}
