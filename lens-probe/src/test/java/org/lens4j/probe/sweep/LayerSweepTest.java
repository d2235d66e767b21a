package org.lens4j.probe.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lens4j.probe.FeatureSet;
import org.lens4j.probe.report.ReportFiles;
import org.lens4j.probe.report.SweepReports;
import org.lens4j.probe.stats.PValueAdjustment;

class LayerSweepTest {

    private static final long SEED_DATA = 2024L;
    private static final long SEED_SWEEP = 7L;

    /** Layer 2 of 5 is informative; the others are noise. */
    private static final int INFORMATIVE = 2;

    /** The sweep of {@link #fiveLayers} without type keys, shared by the tests that only read it. */
    private static SweepResult shared;

    @TempDir
    java.nio.file.Path directory;

    @BeforeAll
    static void sweepOnce() {
        shared = quickSweep().run(fiveLayers(false));
    }

    private static LayerSweep quickSweep() {
        return LayerSweep.withDefaults().withParallelism(2).withPermutations(199).withFolds(3)
                .withIntervals(500, 0.95).withSeed(SEED_SWEEP).withModelId("synthetic/model");
    }

    private static Map<LayerKey, FeatureSet> fiveLayers(boolean typeKeys) {
        return SyntheticLayers.of(5, INFORMATIVE, 80, 120, 2.0, SEED_DATA, typeKeys);
    }

    @Test
    void informativeLayerIsRecommended() throws IOException {
        LayerKey informative = new ArrayList<>(fiveLayers(false).keySet()).get(INFORMATIVE);

        SweepResult result = shared;
        ReportFiles files = SweepReports.write(result, directory, "synthetic");

        assertEquals(informative, result.recommended());
        assertEquals(informative, result.ranking().get(0).layer());
        assertTrue(result.recommendedResult().adjustedPValue() < 0.05,
                result.recommendedResult().toString());
        assertTrue(Files.size(files.json()) > 0);
        assertTrue(Files.readString(files.markdown()).contains(informative.module()));
        assertTrue(Files.size(files.plot()) > 0);
    }

    @Test
    void noiseLayersAreNotSignificant() {
        SweepResult result = shared;

        for (LayerResult layer : result.ranking().subList(1, 5)) {
            assertTrue(layer.adjustedPValue() >= 0.05, layer.layer() + ": " + layer.adjustedPValue());
        }
    }

    @Test
    void rankingFollowsCrossValidatedSelectivity() {
        SweepResult result = shared;

        for (int i = 1; i < result.ranking().size(); i++) {
            assertTrue(result.ranking().get(i - 1).crossValidation().selectivity()
                    >= result.ranking().get(i).crossValidation().selectivity(),
                    "ranks " + i + " and " + (i + 1) + " are out of order");
            assertEquals(i, result.ranking().get(i - 1).rank());
        }
    }

    @Test
    void resultRecordsProvenance() {
        SweepResult result = shared;

        Provenance provenance = result.recommendedResult().provenance();
        assertEquals(SEED_SWEEP, provenance.seed());
        assertEquals(0, provenance.runIndex());
        assertEquals(List.of("defective", "normal"), provenance.labelMap());
        assertEquals(199, provenance.permutations());
        assertEquals("synthetic/model", provenance.modelId());
        assertEquals("mean", provenance.pooling());
        assertFalse(provenance.libraryVersion().isBlank());
    }

    @Test
    void sameSeedReplaysSweepOnOneThread() {
        SweepResult again = quickSweep().withParallelism(1).run(fiveLayers(false));

        assertEquals(shared.ranking(), again.ranking());
    }

    @Test
    void controlTaskRunsWithTypeKeys() {
        SweepResult result = quickSweep().run(fiveLayers(true));

        assertTrue(result.hasControlTask());
        assertTrue(result.recommendedResult().controlTask().isPresent());
    }

    @Test
    void controlTaskCanBeSwitchedOff() {
        SweepResult result = quickSweep().withControlTask(false).run(fiveLayers(true));

        assertFalse(result.hasControlTask());
    }

    @Test
    void benjaminiHochbergIsRecorded() {
        SweepResult result = quickSweep().withAdjustment(PValueAdjustment.BENJAMINI_HOCHBERG)
                .run(fiveLayers(false));

        assertEquals(PValueAdjustment.BENJAMINI_HOCHBERG, result.adjustment());
    }

    @Test
    void fixedPredictionModeRuns() {
        SweepResult result = quickSweep().withPermutationMode(PermutationMode.FIXED_PREDICTIONS)
                .run(fiveLayers(false));

        assertEquals(result.recommendedResult().accuracy(),
                result.recommendedResult().permutation().statistic());
    }

    @Test
    void refitModeUsesMainProbeAccuracy() {
        Map<LayerKey, FeatureSet> two = new LinkedHashMap<>();
        fiveLayers(false).entrySet().stream().skip(INFORMATIVE).limit(2)
                .forEach(entry -> two.put(entry.getKey(), entry.getValue()));

        SweepResult result = quickSweep().withPermutations(19)
                .withPermutationMode(PermutationMode.REFIT_MAIN_PROBE).run(two);

        LayerResult best = result.recommendedResult();
        assertEquals(best.accuracy(), best.permutation().statistic());
    }

    @Test
    void kernelPermutationIsReported() throws IOException {
        ReportFiles files = SweepReports.write(shared, directory, "kernel");

        String markdown = Files.readString(files.markdown());
        assertEquals(PermutationMode.KERNEL_LOGISTIC, shared.permutationMode());
        assertTrue(markdown.contains("| Kernel logistic accuracy |"), markdown);
        assertTrue(markdown.contains("refits logistic L2"), markdown);
    }

    @Test
    void kernelSelectionIsNamedInRule() {
        assertTrue(shared.selectionRule().contains("L2 logistic probe"), shared.selectionRule());
        assertTrue(shared.selectionRule().contains("3-fold"), shared.selectionRule());
    }

    @Test
    void mainProbeSelectionRuns() {
        Map<LayerKey, FeatureSet> two = new LinkedHashMap<>();
        fiveLayers(false).entrySet().stream().skip(INFORMATIVE).limit(2)
                .forEach(entry -> two.put(entry.getKey(), entry.getValue()));

        SweepResult result = quickSweep().withSelectionMode(SelectionMode.MAIN_PROBE).run(two);

        assertTrue(result.selectionRule().contains("the main probe"), result.selectionRule());
        assertEquals(two.keySet().iterator().next(), result.recommended());
    }

    @Test
    void kernelModesRejectThreeClasses() {
        float[][] x = new float[60][4];
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            x[i][i % 4] = 1f + i;
            labels.add(List.of("a", "b", "c").get(i % 3));
        }
        Map<LayerKey, FeatureSet> layers = Map.of(new LayerKey("visual.merger.mlp.2", "mean"),
                FeatureSet.builder().setFeatures(x).setLabels(labels).build());

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> quickSweep().withPermutationMode(PermutationMode.FIXED_PREDICTIONS)
                        .run(layers));

        assertTrue(error.getMessage().contains("two classes"), error.getMessage());
        assertTrue(error.getMessage().contains("SelectionMode.MAIN_PROBE"), error.getMessage());
    }

    @Test
    void layersWithOtherItemsAreRejected() {
        Map<LayerKey, FeatureSet> layers = new LinkedHashMap<>();
        Map.Entry<LayerKey, FeatureSet> first = fiveLayers(false).entrySet().iterator().next();
        layers.put(first.getKey(), first.getValue());
        Map<LayerKey, FeatureSet> other = SyntheticLayers.of(1, 0, 60, 120, 2.0, SEED_DATA, false);
        layers.put(new LayerKey("visual.blocks.3.norm2", "mean"), other.values().iterator().next());

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> quickSweep().run(layers));

        assertTrue(error.getMessage().contains("visual.blocks.3.norm2"), error.getMessage());
        assertTrue(error.getMessage().contains("same labels"), error.getMessage());
    }

    @Test
    void zeroPermutationsAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LayerSweep.withDefaults().withPermutations(0));

        assertTrue(error.getMessage().contains("permutations"), error.getMessage());
    }

    @Test
    void emptySourceIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> LayerSweep.withDefaults().run(new LinkedHashMap<>()));
    }
}
