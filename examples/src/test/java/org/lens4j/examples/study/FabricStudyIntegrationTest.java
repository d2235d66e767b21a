package org.lens4j.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lens4j.core.store.FeatureStore;
import org.lens4j.probe.sweep.LayerResult;

/**
 * A reduced fabric study (20 pairs, 40 images) on the built-in random-weight network, run once for
 * the class: it must write every report file, rank the five study modules, and resume without
 * recomputing stored rows.
 */
class FabricStudyIntegrationTest {

    private static final int PAIRS = 20;
    private static final int PERMUTATIONS = 49;

    @TempDir
    static Path output;

    private static StudyOutcome outcome;

    @BeforeAll
    static void runStudy() throws IOException {
        outcome = FabricStudy.withDefaults().withPairs(PAIRS).withPermutations(PERMUTATIONS).withOutput(output).run();
    }

    @Test
    void recommendedLayerIsOneOfTheFiveModules() {
        assertTrue(FabricStudy.STUDY_MODULES.contains(outcome.sweep().recommended().module()),
                outcome.sweep().recommended().toString());
    }

    @Test
    void rankingHoldsEachStudyModuleOnce() {
        Set<String> ranked = new HashSet<>();
        for (LayerResult layer : outcome.sweep().ranking()) {
            ranked.add(layer.layer().module());
        }

        assertEquals(Set.copyOf(FabricStudy.STUDY_MODULES), ranked);
    }

    @Test
    void reportFilesAreWritten() throws IOException {
        assertTrue(Files.size(outcome.reportFiles().json()) > 0, "json");
        assertTrue(Files.size(outcome.reportFiles().markdown()) > 0, "markdown");
        BufferedImage plot = ImageIO.read(outcome.reportFiles().plot().toFile());
        assertTrue(plot.getWidth() > 0, "plot");
    }

    @Test
    void jsonReportNamesRecommendedLayerAndRandomWeights() throws IOException {
        String text = Files.readString(outcome.reportFiles().json());
        JsonObject json = JsonParser.parseString(text).getAsJsonObject();

        assertTrue(text.contains(outcome.sweep().recommended().module()), "recommended module missing");
        assertTrue(text.contains("RANDOM weights"), "report must say the network has random weights");
        assertTrue(json.size() > 0, "empty JSON object");
    }

    @Test
    void markdownReportSaysRandomWeights() throws IOException {
        String markdown = Files.readString(outcome.reportFiles().markdown());

        assertTrue(markdown.contains("RANDOM weights"), markdown.substring(0, Math.min(300, markdown.length())));
    }

    @Test
    void storeHoldsOneRowPerImageAndModule() throws IOException {
        try (FeatureStore store = FeatureStore.openReadOnly(output.resolve("features.db"))) {
            assertEquals(2L * PAIRS * FabricStudy.STUDY_MODULES.size(), store.rowCount());
        }
    }

    @Test
    void rerunSkipsEveryStoredImage() throws IOException {
        StudyOutcome again = FabricStudy.withDefaults().withPairs(PAIRS).withPermutations(PERMUTATIONS)
                .withOutput(output).run();

        assertEquals(0, again.extraction().extracted());
        assertEquals(2 * PAIRS, again.extraction().skipped());
        assertEquals(outcome.sweep().recommended(), again.sweep().recommended());
    }

    @Test
    void testSplitHoldsFortyPercentOfPairs() {
        LayerResult first = outcome.sweep().ranking().get(0);

        assertEquals(List.of(24, 16), List.of(first.trainSize(), first.testSize()));
    }
}
