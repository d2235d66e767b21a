package org.lens4j.probe.report;

import static org.lens4j.probe.report.internal.Numbers.fixed3;
import static org.lens4j.probe.report.internal.Numbers.pValue;
import static org.lens4j.probe.report.internal.Numbers.percent;
import static org.lens4j.probe.report.internal.Numbers.signed3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.lens4j.probe.stats.ConfidenceInterval;
import org.lens4j.probe.stats.PValueAdjustment;
import org.lens4j.probe.sweep.ControlResult;
import org.lens4j.probe.sweep.LayerResult;
import org.lens4j.probe.sweep.PermutationMode;
import org.lens4j.probe.sweep.SweepResult;

/**
 * The Markdown form of a sweep result: a short header (model, recommendation and the rule behind
 * it) and the ranked table with accuracy, control accuracy, selectivity and adjusted p-value.
 */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    /** Returns the report as Markdown text. */
    public static String toMarkdown(SweepResult result) {
        Objects.requireNonNull(result, "result");
        StringBuilder out = new StringBuilder();
        header(out, result);
        table(out, result);
        notes(out, result);
        return out.toString();
    }

    /**
     * Writes the report as UTF-8 Markdown to {@code file}, replacing it.
     *
     * @throws IOException if the file cannot be written
     */
    public static void write(SweepResult result, Path file) throws IOException {
        Files.writeString(file, toMarkdown(result), StandardCharsets.UTF_8);
    }

    private static void header(StringBuilder out, SweepResult result) {
        LayerResult best = result.recommendedResult();
        out.append("# Layer sweep: ").append(escape(result.modelId())).append("\n\n");
        out.append("- Recommended layer: `").append(best.layer().module()).append("` (")
                .append(escape(best.layer().pooling())).append(" pooling)\n");
        out.append("- Rule: ").append(escape(result.selectionRule())).append('\n');
        out.append("- Test accuracy of the recommended layer: ").append(fixed3(best.accuracy()))
                .append(", selectivity ").append(signed3(best.selectivity()))
                .append(", adjusted p ").append(pValue(best.adjustedPValue())).append('\n');
        if (!result.recommendedIsSignificant()) {
            out.append("- **Warning:** the recommended layer is not significant on the test split"
                    + " (adjusted p ").append(pValue(best.adjustedPValue())).append(" ≥ α = ")
                    .append(result.alpha()).append("), so no layer is shown to encode the"
                    + " property\n");
        }
        out.append("- Chance level (majority class of the test labels): ")
                .append(fixed3(result.chanceLevel())).append('\n');
        out.append("- Seed ").append(result.seed()).append(", run ").append(result.runIndex())
                .append(", Lens4J ").append(escape(result.libraryVersion()))
                .append(", probe ").append(escape(best.provenance().probe())).append('\n');
        out.append("- Split: ").append(escape(best.provenance().split())).append(", ")
                .append(best.trainSize()).append(" train / ").append(best.testSize())
                .append(" test rows\n\n");
    }

    private static void table(StringBuilder out, SweepResult result) {
        boolean controlTask = result.hasControlTask();
        boolean kernel = result.permutationMode() == PermutationMode.KERNEL_LOGISTIC;
        String level = percent(result.recommendedResult().accuracyInterval().confidenceLevel());
        out.append("| Rank | Module | Pooling | Accuracy (").append(level).append(" CI)")
                .append(" | Shuffled control | Selectivity (").append(level).append(" CI)");
        if (controlTask) {
            out.append(" | Control task | Control-task selectivity");
        }
        out.append(" | McNemar p");
        if (kernel) {
            out.append(" | Kernel logistic accuracy");
        }
        out.append(" | Permutation p | Adjusted p (").append(name(result.adjustment()))
                .append(") | CV selectivity |\n");
        out.append("|---:|---|---|---|---|---|");
        if (controlTask) {
            out.append("---|---|");
        }
        out.append(kernel ? "---:|---:|---:|---:|---:|\n" : "---:|---:|---:|---:|\n");

        for (LayerResult layer : result.ranking()) {
            out.append("| ").append(layer.rank())
                    .append(" | `").append(layer.layer().module()).append('`')
                    .append(" | ").append(escape(layer.layer().pooling()))
                    .append(" | ").append(withInterval(layer.accuracy(), layer.accuracyInterval()))
                    .append(" | ").append(fixed3(layer.controlAccuracy()))
                    .append(" | ").append(selectivity(layer.shuffled()));
            if (controlTask) {
                out.append(" | ").append(layer.controlTask()
                        .map(task -> fixed3(task.accuracy())).orElse("–"));
                out.append(" | ").append(layer.controlTask()
                        .map(MarkdownReport::selectivity).orElse("–"));
            }
            boolean atMinimum = layer.permutation().exceedances() == 0;
            out.append(" | ").append(pValue(layer.shuffled().mainVersusControl().pValue()));
            if (kernel) {
                out.append(" | ").append(fixed3(layer.permutation().statistic()));
            }
            out.append(" | ").append(pValue(layer.permutation().pValue()))
                    .append(atMinimum ? "†" : "")
                    .append(" | ").append(significance(layer.adjustedPValue(), result.alpha()))
                    .append(" | ").append(signed3(layer.crossValidation().selectivity()))
                    .append(" |\n");
        }
        out.append('\n');
    }

    private static void notes(StringBuilder out, SweepResult result) {
        int m = result.recommendedResult().permutation().permutations();
        out.append("Accuracy intervals are Wilson score intervals. Selectivity is main minus"
                + " shuffled-label control accuracy on the same test items, with a bootstrap"
                + " percentile interval that resamples groups of test items (image ids when"
                + " given). McNemar compares main and control predictions item by item. ");
        out.append(switch (result.permutationMode()) {
            case KERNEL_LOGISTIC -> "The permutation test refits " + result.permutationProbe()
                    + " on " + m + " permutations of the train and test labels (Ojala & Garriga"
                    + " test 1). Its statistic is that probe's test accuracy (column Kernel"
                    + " logistic accuracy), not the main probe's.";
            case REFIT_MAIN_PROBE -> "The permutation test retrains the main probe on " + m
                    + " permutations of the train and test labels (Ojala & Garriga test 1).";
            case FIXED_PREDICTIONS -> "The permutation test scores the trained main probe's"
                    + " predictions against " + m + " permutations of the test labels, so it"
                    + " ignores training variance.";
        });
        out.append(" p = (b + 1) / (m + 1), where b counts permutations that reach the observed"
                + " statistic. Adjusted p-values in **bold** are below α = ")
                .append(result.alpha()).append(".\n\n");
        if (result.hasControlTask()) {
            out.append("The control task (Hewitt & Liang) gives every type, such as a texture, one random"
                    + " label and trains the same probe on it; a probe that scores well there memorises"
                    + " types, so control-task selectivity is main minus control-task accuracy.\n\n");
        }
        boolean anyAtMinimum = result.ranking().stream().anyMatch(layer -> layer.permutation().exceedances() == 0);
        if (anyAtMinimum) {
            out.append("† No permutation reached the observed accuracy, so p is the smallest"
                    + " reachable value 1 / (m + 1).\n");
        }
    }

    private static String withInterval(double value, ConfidenceInterval interval) {
        return fixed3(value) + " [" + fixed3(interval.lower()) + ", " + fixed3(interval.upper())
                + "]";
    }

    private static String selectivity(ControlResult control) {
        return signed3(control.selectivity().selectivity()) + " ["
                + signed3(control.selectivity().interval().lower()) + ", "
                + signed3(control.selectivity().interval().upper()) + "]";
    }

    private static String significance(double adjusted, double alpha) {
        String text = pValue(adjusted);
        return adjusted < alpha ? "**" + text + "**" : text;
    }

    private static String name(PValueAdjustment adjustment) {
        return adjustment == PValueAdjustment.HOLM ? "Holm" : "BH";
    }

    /** Escapes the characters that would break a Markdown table cell. */
    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
