package org.lens4j.core.store.internal;

import java.util.Arrays;
import org.lens4j.core.checkpoint.TensorDType;
import org.lens4j.core.store.FeatureStoreException;
import org.lens4j.core.store.StoredTensor;
import org.lens4j.core.store.TensorCodec;

/**
 * Decodes one row's blob and checks it against the row's {@code codec}, {@code dtype} and
 * {@code shape} columns. Every error names the row id, the layer and the lengths involved.
 */
public final class RowDecoder {

    private RowDecoder() {
    }

    /**
     * Decodes a row's tensor.
     *
     * @param rowId the row's id, for messages
     * @param layer the row's layer, for messages
     * @param codecColumn the {@code codec} column, or null to detect the codec from the bytes
     * @param dtypeColumn the {@code dtype} column, or null to trust the blob
     * @param shapeColumn the {@code shape} column, or null to trust the blob
     * @param blob the {@code tensor} column
     * @throws FeatureStoreException if the blob is missing or malformed, its data length does not
     *     match its shape and dtype, or it disagrees with the dtype or shape column
     */
    public static StoredTensor decode(long rowId, String layer, String codecColumn,
            String dtypeColumn, String shapeColumn, byte[] blob) {
        String row = "Row " + rowId + " (layer '" + layer + "')";
        if (blob == null) {
            throw new FeatureStoreException(row + " has a NULL tensor blob");
        }
        StoredTensor tensor;
        try {
            TensorCodec codec = codecColumn == null ? TensorCodec.detect(blob)
                    : TensorCodec.fromColumnValue(codecColumn);
            tensor = codec.decode(blob);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new FeatureStoreException(row + " has an invalid " + blob.length
                    + "-byte tensor blob: " + e.getMessage(), e);
        }
        checkColumns(row, tensor, dtypeColumn, shapeColumn);
        return tensor;
    }

    private static void checkColumns(String row, StoredTensor tensor, String dtypeColumn,
            String shapeColumn) {
        TensorDType dtype = tensor.dtype();
        long[] shape = tensor.shape();
        try {
            if (dtypeColumn != null) {
                dtype = DTypes.fromName(dtypeColumn);
            }
            if (shapeColumn != null) {
                shape = Shapes.parse(shapeColumn);
            }
        } catch (IllegalArgumentException e) {
            throw new FeatureStoreException(row + " has invalid metadata: " + e.getMessage(), e);
        }

        long expectedBytes = Shapes.numel(shape) * dtype.byteSize();
        if (expectedBytes != tensor.byteLength()) {
            throw new FeatureStoreException(row + ": the blob has " + tensor.byteLength()
                    + " data bytes but the shape column " + Arrays.toString(shape) + " of "
                    + DTypes.name(dtype) + " needs " + expectedBytes + " bytes");
        }
        if (dtype != tensor.dtype() || !Arrays.equals(shape, tensor.shape())) {
            throw new FeatureStoreException(row + ": the blob is " + DTypes.name(tensor.dtype())
                    + " " + Arrays.toString(tensor.shape()) + " but the columns say "
                    + DTypes.name(dtype) + " " + Arrays.toString(shape));
        }
    }
}
