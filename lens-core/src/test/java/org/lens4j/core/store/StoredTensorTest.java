package org.lens4j.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lens4j.core.checkpoint.TensorDType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class StoredTensorTest {

    @Test
    void ofFloatsCopiesItsInput() {
        float[] values = {1, 2, 3};
        StoredTensor tensor = StoredTensor.ofFloats(values, 3);

        values[0] = 99;

        assertArrayEquals(new float[] {1, 2, 3}, tensor.toFloatArray());
    }

    @Test
    void shapeAccessorReturnsCopy() {
        StoredTensor tensor = StoredTensor.ofFloats(new float[] {1, 2}, 1, 2);

        tensor.shape()[0] = 5;

        assertArrayEquals(new long[] {1, 2}, tensor.shape());
    }

    @Test
    void ofFloatsRejectsCountShapeMismatch() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> StoredTensor.ofFloats(new float[5], 2, 3));

        assertTrue(error.getMessage().contains("5 values"), error.getMessage());
        assertTrue(error.getMessage().contains("[2, 3]"), error.getMessage());
    }

    @Test
    void ofRejectsNegativeDimension() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> StoredTensor.ofFloats(new float[0], 2, -1));

        assertTrue(error.getMessage().contains("negative"), error.getMessage());
    }

    @Test
    void ofRawBytesRejectsWrongLength() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> StoredTensor.of(TensorDType.F16, new long[] {3}, new byte[4]));

        assertTrue(error.getMessage().contains("needs 6 bytes"), error.getMessage());
    }

    @Test
    void toINDArrayKeepsShapeAndValues() {
        StoredTensor tensor = StoredTensor.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);

        INDArray array = tensor.toINDArray();

        assertEquals(DataType.FLOAT, array.dataType());
        assertArrayEquals(new long[] {2, 3}, array.shape());
        assertEquals(6f, array.getFloat(1, 2), 0f);
    }

    @Test
    void toINDArrayMapsLongsAndDoubles() {
        assertEquals(DataType.LONG,
                StoredTensor.ofLongs(new long[] {1, 2}, 2).toINDArray().dataType());
        assertEquals(DataType.DOUBLE,
                StoredTensor.ofDoubles(new double[] {1, 2}, 2).toINDArray().dataType());
    }

    @Test
    void toINDArrayHandlesScalar() {
        INDArray scalar = StoredTensor.ofFloats(new float[] {7}).toINDArray();

        assertEquals(0, scalar.rank());
        assertEquals(7f, scalar.getFloat(0), 0f);
    }

    @Test
    void ofINDArrayCopiesInCOrder() {
        INDArray fortran = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'f');

        StoredTensor tensor = StoredTensor.of(fortran);

        assertArrayEquals(new long[] {2, 3}, tensor.shape());
        assertArrayEquals(new float[] {1, 3, 5, 2, 4, 6}, tensor.toFloatArray());
    }

    @Test
    void ofINDArrayWidensHalfToFloat32() {
        INDArray half = Nd4j.create(new float[] {0.5f, -3f}, new long[] {2}, 'c')
                .castTo(DataType.HALF);

        StoredTensor tensor = StoredTensor.of(half);

        assertEquals(TensorDType.F32, tensor.dtype());
        assertArrayEquals(new float[] {0.5f, -3f}, tensor.toFloatArray());
    }

    @Test
    void toLongArrayRejectsFloats() {
        StoredTensor tensor = StoredTensor.ofFloats(new float[] {1}, 1);

        IllegalStateException error = assertThrows(IllegalStateException.class,
                tensor::toLongArray);

        assertTrue(error.getMessage().contains("float32"), error.getMessage());
    }
}
