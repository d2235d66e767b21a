package org.lens4j.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FeatureSetTest {

    @Test
    void featuresAreCopiedIn() {
        INDArray source = Nd4j.create(new float[] {1, 2, 3, 4}, new long[] {2, 2}, DataType.FLOAT);
        FeatureSet data = FeatureSet.of(source, List.of("a", "b"));

        source.putScalar(0, 0, 99f);

        assertEquals(1f, data.features().getFloat(0, 0));
    }

    @Test
    void featuresAreCopiedOut() {
        FeatureSet data = FeatureSet.of(Nd4j.create(new float[] {1, 2, 3, 4}, new long[] {2, 2}, DataType.FLOAT),
                List.of("a", "b"));

        data.features().putScalar(0, 0, 99f);
        data.toArray()[0] = 98f;

        assertEquals(1f, data.row(0)[0]);
    }

    @Test
    void doubleFeaturesBecomeFloat32() {
        INDArray source = Nd4j.create(new double[] {0.1, 0.2}, new long[] {2, 1}, DataType.DOUBLE);

        FeatureSet data = FeatureSet.of(source, List.of("a", "b"));

        assertEquals(DataType.FLOAT, data.features().dataType());
        assertEquals(0.1f, data.row(0)[0]);
    }

    @Test
    void columnMajorFeaturesKeepRowOrder() {
        INDArray source = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, DataType.FLOAT).dup('f');

        FeatureSet data = FeatureSet.of(source, List.of("a", "b"));

        assertEquals(4f, data.row(1)[0]);
        assertEquals(3f, data.row(0)[2]);
    }

    @Test
    void defaultsGiveEveryRowItsOwnGroup() {
        FeatureSet data = FeatureSet.builder().setFeatures(new float[3][2]).setLabels(List.of("a", "b", "a")).build();

        assertEquals(List.of("0", "1", "2"), data.groups());
        assertEquals(List.of("0", "1", "2"), data.itemIds());
        assertFalse(data.typeKeys().isPresent());
    }

    @Test
    void labelCountMismatchIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> FeatureSet.builder().setFeatures(new float[3][2]).setLabels(List.of("a", "b")).build());

        assertTrue(error.getMessage().contains("labels has 2 entries"), error.getMessage());
    }

    @Test
    void groupCountMismatchIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> FeatureSet.builder().setFeatures(new float[2][2]).setLabels(List.of("a", "b"))
                        .optGroups(List.of("g")).build());

        assertTrue(error.getMessage().contains("groups has 1 entries"), error.getMessage());
    }

    @Test
    void nonFiniteFeatureIsRejected() {
        float[][] x = {{1, Float.NaN}};

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> FeatureSet.builder().setFeatures(x).setLabels(List.of("a")).build());

        assertTrue(error.getMessage().contains("feature [0, 1] is NaN"), error.getMessage());
    }

    @Test
    void threeDimensionalFeaturesAreRejected() {
        INDArray cube = Nd4j.zeros(DataType.FLOAT, 2, 3, 4);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> FeatureSet.builder().setFeatures(cube));

        assertTrue(error.getMessage().contains("[2, 3, 4]"), error.getMessage());
    }

    @Test
    void labelMapIsSorted() {
        LabelMap map = LabelMap.of(List.of("normal", "defect", "normal", "bent"));

        assertEquals(List.of("bent", "defect", "normal"), map.labels());
        assertEquals(1, map.indexOf("defect"));
    }

    @Test
    void unknownLabelIsRejected() {
        LabelMap map = LabelMap.of(List.of("a", "b"));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> map.indexOf("c"));

        assertTrue(error.getMessage().contains("'c'"), error.getMessage());
    }

    @Test
    void unsortedLabelMapIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new LabelMap(List.of("b", "a")));

        assertTrue(error.getMessage().contains("sorted"), error.getMessage());
    }
}
