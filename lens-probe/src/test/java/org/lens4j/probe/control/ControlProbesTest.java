package org.lens4j.probe.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lens4j.probe.FeatureSet;
import org.lens4j.probe.Prediction;
import org.lens4j.probe.ProbeResult;
import org.lens4j.probe.ProbeRunner;
import org.lens4j.probe.TestData;
import org.lens4j.probe.split.Split;
import org.lens4j.probe.split.StratifiedGroupSplitter;

class ControlProbesTest {

    private static final long DATA_SEED = 31L;
    private static final long SPLIT_SEED = 5L;

    @Test
    void shuffledLabelsKeepTestLabelsAndTrainCounts() {
        FeatureSet data = TestData.gaussianClasses(30, 4, 2, 2.0, DATA_SEED);
        Split split = StratifiedGroupSplitter.testFraction(0.3).withSeed(SPLIT_SEED).split(data);

        List<String> targets = ShuffledLabels.create().targets(data, split, 12L);

        for (int row : split.testRows()) {
            assertEquals(data.labels().get(row), targets.get(row), "test row " + row);
        }
        assertEquals(count(data.labels(), split.trainRows(), "A"), count(targets, split.trainRows(), "A"));
        assertNotEquals(select(data.labels(), split.trainRows()), select(targets, split.trainRows()));
    }

    @Test
    void shuffledLabelResultScoresAgainstTrueLabels() {
        FeatureSet data = TestData.gaussianClasses(30, 4, 2, 2.0, DATA_SEED);
        Split split = StratifiedGroupSplitter.testFraction(0.3).withSeed(SPLIT_SEED).split(data);

        ProbeResult result = ProbeRunner.withDefaults().train(data, split, ShuffledLabels.create());

        int[] test = split.testRows();
        for (int i = 0; i < test.length; i++) {
            assertEquals(data.labels().get(test[i]), result.predictions().get(i).target());
        }
        assertEquals("shuffled-labels", result.control());
    }

    @Test
    void controlTaskGivesOneLabelPerType() {
        FeatureSet data = withTypes(TestData.gaussianClasses(40, 4, 2, 2.0, DATA_SEED), 8);
        Split split = StratifiedGroupSplitter.testFraction(0.3).withSeed(SPLIT_SEED).split(data);

        List<String> targets = ControlTask.create().targets(data, split, 77L);

        Map<String, String> labelOfType = new HashMap<>();
        for (int row = 0; row < data.size(); row++) {
            String type = data.typeKeys().orElseThrow().get(row);
            String previous = labelOfType.putIfAbsent(type, targets.get(row));
            assertTrue(previous == null || previous.equals(targets.get(row)), "type " + type + " has two labels");
        }
    }

    @Test
    void controlTaskFollowsLabelDistribution() {
        // 90 % "A": over 2000 types, the share of types drawn "A" lies within 3 standard errors of 0.9.
        int types = 2000;
        List<String> labels = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < types; i++) {
            labels.add(i % 10 == 0 ? "B" : "A");
            keys.add("type-" + i);
        }
        FeatureSet data = FeatureSet.builder().setFeatures(new float[types][1]).setLabels(labels).optTypeKeys(keys)
                .build();
        Split split = StratifiedGroupSplitter.testFraction(0.5).withSeed(SPLIT_SEED).split(data);

        List<String> targets = ControlTask.create().targets(data, split, 2024L);

        double share = targets.stream().filter("A"::equals).count() / (double) types;
        assertEquals(0.9, share, 3 * Math.sqrt(0.9 * 0.1 / types));
    }

    @Test
    void controlTaskResultScoresAgainstControlLabels() {
        FeatureSet data = withTypes(TestData.gaussianClasses(40, 4, 2, 2.0, DATA_SEED), 8);
        Split split = StratifiedGroupSplitter.testFraction(0.3).withSeed(SPLIT_SEED).split(data);
        ProbeRunner runner = ProbeRunner.withDefaults().withSeed(6);

        ProbeResult result = runner.train(data, split, ControlTask.create(), 2);

        List<String> expected = ControlTask.create().targets(data, split,
                org.lens4j.probe.internal.Seeds.derive(6, 2, org.lens4j.probe.internal.Seeds.CONTROL));
        int[] test = split.testRows();
        for (int i = 0; i < test.length; i++) {
            assertEquals(expected.get(test[i]), result.predictions().get(i).target());
        }
    }

    @Test
    void controlTaskWithoutTypeKeysIsRejected() {
        FeatureSet data = TestData.gaussianClasses(10, 2, 1, 2.0, DATA_SEED);
        Split split = StratifiedGroupSplitter.testFraction(0.3).split(data);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ProbeRunner.withDefaults().train(data, split, ControlTask.create()));

        assertTrue(error.getMessage().contains("no type keys"), error.getMessage());
    }

    @Test
    void controlModelProbesOtherFeatures() {
        FeatureSet main = TestData.gaussianClasses(40, 6, 3, 3.0, DATA_SEED);
        FeatureSet noise = FeatureSet.builder().setFeatures(TestData.gaussianClasses(40, 6, 0, 0, DATA_SEED + 1)
                .features()).setLabels(main.labels()).optName("random-weights").build();
        Split split = StratifiedGroupSplitter.counts(25, 15).withSeed(SPLIT_SEED).split(main);

        ProbeResult mainResult = ProbeRunner.withDefaults().train(main, split);
        ProbeResult control = ProbeRunner.withDefaults().train(main, split, ControlModel.of(noise));

        assertEquals("random-weights", control.featureSetName());
        assertEquals("control-model", control.control());
        assertEquals(mainResult.itemIds(), control.itemIds());
        assertTrue(mainResult.accuracy() > control.accuracy(),
                "main " + mainResult.accuracy() + " vs control " + control.accuracy());
    }

    @Test
    void controlModelOfOtherItemsIsRejected() {
        FeatureSet main = TestData.gaussianClasses(20, 3, 1, 2.0, DATA_SEED);
        FeatureSet other = TestData.gaussianClasses(21, 3, 1, 2.0, DATA_SEED);
        Split split = StratifiedGroupSplitter.testFraction(0.3).split(main);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ProbeRunner.withDefaults().train(main, split, ControlModel.of(other)));

        assertTrue(error.getMessage().contains("same items"), error.getMessage());
    }

    @Test
    void mainAndControlShareTestItems() {
        FeatureSet data = TestData.gaussianClasses(30, 4, 2, 2.0, DATA_SEED);
        Split split = StratifiedGroupSplitter.testFraction(0.3).withSeed(SPLIT_SEED).split(data);
        ProbeRunner runner = ProbeRunner.withDefaults();

        ProbeResult main = runner.train(data, split);
        ProbeResult control = runner.train(data, split, ShuffledLabels.create());

        assertEquals(main.predictions().stream().map(Prediction::itemId).toList(), control.itemIds());
    }

    private static FeatureSet withTypes(FeatureSet data, int types) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            keys.add("texture-" + i % types);
        }
        return FeatureSet.builder().setFeatures(data.features()).setLabels(data.labels()).optTypeKeys(keys).build();
    }

    private static int count(List<String> labels, int[] rows, String label) {
        int count = 0;
        for (int row : rows) {
            count += labels.get(row).equals(label) ? 1 : 0;
        }
        return count;
    }

    private static List<String> select(List<String> labels, int[] rows) {
        List<String> out = new ArrayList<>();
        for (int row : rows) {
            out.add(labels.get(row));
        }
        return out;
    }
}
