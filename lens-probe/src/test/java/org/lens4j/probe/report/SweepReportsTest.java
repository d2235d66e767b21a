package org.lens4j.probe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lens4j.probe.sweep.SweepResult;

class SweepReportsTest {

    /** Colours of the main-probe and shuffled-control series in the chart. */
    private static final int MAIN_RGB = 0x0072B2;
    private static final int SHUFFLED_RGB = 0xD55E00;
    private static final int TASK_RGB = 0x009E73;

    @TempDir
    Path directory;

    @Test
    void writeCreatesThreeFiles() throws IOException {
        ReportFiles files = SweepReports.write(SweepFixtures.study(false), directory, "study");

        assertTrue(Files.size(files.json()) > 0, files.json().toString());
        assertTrue(Files.size(files.markdown()) > 0, files.markdown().toString());
        assertTrue(Files.size(files.plot()) > 0, files.plot().toString());
        assertEquals(directory.resolve("study.png"), files.plot());
    }

    @Test
    void jsonListsLayersInRankOrder() {
        SweepResult result = SweepFixtures.study(false);

        JsonObject json = JsonParser.parseString(JsonReport.toJson(result)).getAsJsonObject();

        JsonArray layers = json.getAsJsonArray("layers");
        assertEquals(5, layers.size());
        for (int i = 0; i < layers.size(); i++) {
            JsonObject layer = layers.get(i).getAsJsonObject();
            assertEquals(i + 1, layer.get("rank").getAsInt());
            assertEquals(SweepFixtures.STUDY_MODULES.get(i), layer.get("module").getAsString());
        }
        assertEquals(SweepFixtures.STUDY_MODULES.get(0),
                json.getAsJsonObject("recommended").get("module").getAsString());
    }

    @Test
    void jsonCarriesProvenanceAndOptions() {
        JsonObject layer = JsonParser.parseString(JsonReport.toJson(SweepFixtures.study(false)))
                .getAsJsonObject().getAsJsonArray("layers").get(0).getAsJsonObject();

        JsonObject provenance = layer.getAsJsonObject("provenance");
        assertEquals(42L, provenance.get("seed").getAsLong());
        assertEquals("defective", provenance.getAsJsonArray("labelMap").get(0).getAsString());
        assertEquals(200, layer.getAsJsonObject("permutation").get("permutations").getAsInt());
        assertTrue(layer.getAsJsonObject("shuffledControl").has("mcnemar"));
        assertFalse(layer.has("controlTask"));
    }

    @Test
    void jsonIncludesControlTaskWhenPresent() {
        JsonObject layer = JsonParser.parseString(JsonReport.toJson(SweepFixtures.study(true)))
                .getAsJsonObject().getAsJsonArray("layers").get(0).getAsJsonObject();

        assertEquals("CONTROL_TASK",
                layer.getAsJsonObject("controlTask").get("kind").getAsString());
    }

    @Test
    void markdownTableFollowsRanking() {
        String markdown = MarkdownReport.toMarkdown(SweepFixtures.study(false));

        int previous = -1;
        for (String module : SweepFixtures.STUDY_MODULES) {
            int at = markdown.indexOf("| `" + module + "` |");
            assertTrue(at > previous, module + " is missing or out of order");
            previous = at;
        }
        assertTrue(markdown.contains("Adjusted p (Holm)"), markdown);
        assertFalse(markdown.contains("Control task"), markdown);
    }

    @Test
    void markdownNamesRecommendationRule() {
        String markdown = MarkdownReport.toMarkdown(SweepFixtures.study(true));

        assertTrue(markdown.contains("Recommended layer: `model.layers.14."), markdown);
        assertTrue(markdown.contains("cross-validated selectivity"), markdown);
        assertTrue(markdown.contains("| Control task |"), markdown);
    }

    @Test
    void markdownWarnsWhenRecommendationIsNotSignificant() {
        SweepResult weak = SweepFixtures.sweep(List.of("visual.merger.mlp.2"), new int[] {104},
                new int[] {99}, false);

        String markdown = MarkdownReport.toMarkdown(weak);

        assertTrue(markdown.contains("**Warning:** the recommended layer is not significant"),
                markdown);
        assertFalse(MarkdownReport.toMarkdown(SweepFixtures.study(false)).contains("Warning"));
    }

    @Test
    void markdownNamesPermutationProcedure() {
        String markdown = MarkdownReport.toMarkdown(SweepFixtures.study(false));

        assertTrue(markdown.contains("scores the trained main probe's predictions against 200"),
                markdown);
        assertFalse(markdown.contains("Kernel logistic accuracy"), markdown);
    }

    @Test
    void plotShowsEverySeries() throws IOException {
        ReportFiles files = SweepReports.write(SweepFixtures.study(true), directory, "task");

        BufferedImage image = ImageIO.read(files.plot().toFile());

        assertEquals(SweepPlot.DEFAULT_WIDTH, image.getWidth());
        assertTrue(countPixels(image, MAIN_RGB) > 100, "main-probe markers are missing");
        assertTrue(countPixels(image, SHUFFLED_RGB) > 100, "shuffled-control markers are missing");
        assertTrue(countPixels(image, TASK_RGB) > 100, "control-task markers are missing");
    }

    @Test
    void plotGrowsForRotatedLabels() {
        List<String> modules = new ArrayList<>();
        int[] main = new int[28];
        int[] control = new int[28];
        for (int i = 0; i < 28; i++) {
            modules.add("model.layers." + i + ".post_attention_layernorm");
            main[i] = 190 - 3 * i;
            control[i] = 100;
        }

        BufferedImage many = SweepPlot.render(SweepFixtures.sweep(modules, main, control, false));
        BufferedImage five = SweepPlot.render(SweepFixtures.study(false));

        assertTrue(many.getHeight() > five.getHeight() + 150,
                many.getHeight() + " vs " + five.getHeight());
    }

    @Test
    void narrowWidthIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SweepPlot.render(SweepFixtures.study(false), 200));

        assertTrue(error.getMessage().contains("480"), error.getMessage());
    }

    @Test
    void baseNameWithSeparatorIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SweepReports.write(SweepFixtures.study(false), directory, "a/b"));

        assertTrue(error.getMessage().contains("baseName"), error.getMessage());
    }

    private static int countPixels(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }
}
