package org.lens4j.core.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lens4j.core.LensRuntime;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NdConversionsTest {

    private NDManager manager;

    @BeforeEach
    void openManager() {
        manager = LensRuntime.newManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void floatArrayKeepsShapeAndValues() {
        NDArray source = manager.arange(24f).reshape(2, 3, 4);

        INDArray copy = NdConversions.toINDArray(source);

        assertArrayEquals(new long[] {2, 3, 4}, copy.shape());
        assertArrayEquals(source.toFloatArray(), copy.data().asFloat());
    }

    @Test
    void copySurvivesClosedSource() {
        NDArray source = manager.arange(6f).reshape(2, 3);
        float[] expected = source.toFloatArray();

        INDArray copy = NdConversions.toINDArray(source);
        source.close();

        assertArrayEquals(expected, copy.data().asFloat());
    }

    @Test
    void transposedSourceIsCopiedInLogicalOrder() {
        NDArray source = manager.arange(6f).reshape(2, 3).transpose();

        INDArray copy = NdConversions.toINDArray(source);

        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, copy.data().asFloat());
    }

    @Test
    void float64IsNarrowedToFloat32() {
        NDArray source = manager.create(new double[] {0.5, -2.25});

        INDArray copy = NdConversions.toINDArray(source);

        assertEquals(org.nd4j.linalg.api.buffer.DataType.FLOAT, copy.dataType());
        assertArrayEquals(new float[] {0.5f, -2.25f}, copy.data().asFloat());
    }

    @Test
    void int64KeepsItsType() {
        NDArray source = manager.create(new long[] {3, -7, 1L << 40});

        INDArray copy = NdConversions.toINDArray(source);

        assertEquals(org.nd4j.linalg.api.buffer.DataType.INT64, copy.dataType());
        assertArrayEquals(new long[] {3, -7, 1L << 40}, copy.data().asLong());
    }

    @Test
    void emptyArrayKeepsShape() {
        NDArray source = manager.zeros(new Shape(0, 4));

        INDArray copy = NdConversions.toINDArray(source);

        assertArrayEquals(new long[] {0, 4}, copy.shape());
    }

    @Test
    void booleanArrayIsRejected() {
        NDArray source = manager.create(new boolean[] {true, false});

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> NdConversions.toINDArray(source));

        assertTrue(error.getMessage().contains("boolean"), error.getMessage());
    }

    @Test
    void int64RoundTripKeepsValues() {
        NDArray source = manager.create(new long[] {3, -7, 1L << 40});

        NDArray back = NdConversions.toNDArray(NdConversions.toINDArray(source), manager);

        assertEquals(DataType.INT64, back.getDataType());
        assertArrayEquals(new long[] {3, -7, 1L << 40}, back.toLongArray());
    }

    @Test
    void roundTripRestoresArray() {
        NDArray source = manager.randomNormal(new Shape(3, 5));

        NDArray back = NdConversions.toNDArray(NdConversions.toINDArray(source), manager);

        assertEquals(source.getShape(), back.getShape());
        assertArrayEquals(source.toFloatArray(), back.toFloatArray());
    }

    @Test
    void viewIsCopiedAsItsOwnElements() {
        INDArray whole = Nd4j.arange(12).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).reshape(3, 4);
        INDArray column = whole.getColumn(2);

        NDArray copy = NdConversions.toNDArray(column, manager);

        assertArrayEquals(new float[] {2, 6, 10}, copy.toFloatArray());
    }

    @Test
    void ndArrayCopyIsIndependentOfSource() {
        INDArray source = Nd4j.createFromArray(1f, 2f, 3f);

        NDArray copy = NdConversions.toNDArray(source, manager);
        source.putScalar(0, 100f);

        assertEquals(DataType.FLOAT32, copy.getDataType());
        assertArrayEquals(new float[] {1, 2, 3}, copy.toFloatArray());
    }
}
