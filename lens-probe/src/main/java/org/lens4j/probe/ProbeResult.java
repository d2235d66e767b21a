package org.lens4j.probe;

import java.util.List;
import java.util.Objects;
import org.lens4j.probe.model.ProbeConfig;
import org.lens4j.probe.model.TrainingSummary;

/**
 * The outcome of training and testing one probe, self-describing enough to be read on its own.
 *
 * <p>Metrics on the {@code m} test items with targets {@code t_i} and predictions {@code ŷ_i}:
 *
 * <ul>
 *   <li>{@code accuracy = (1/m) Σ_i [ŷ_i = t_i]};
 *   <li>{@code balancedAccuracy = (1/|C|) Σ_{c∈C} recall_c} over the classes {@code C} present
 *       among the test targets;
 *   <li>{@code majorityBaseline}: the accuracy of always predicting the most frequent training
 *       target (ties to the lower class index).
 * </ul>
 *
 * @param featureSetName name of the feature set the probe was trained on
 * @param control name of the control ({@code "none"} for the main probe)
 * @param config the probe configuration trained (with grid search, the chosen one)
 * @param seed the run's seed; with {@code runIndex} it replays the run
 * @param runIndex index of the run under that seed
 * @param labelMap label → index map used for targets and probabilities
 * @param split description of the train/test split
 * @param trainSize number of training rows
 * @param testSize number of test rows
 * @param accuracy test accuracy
 * @param balancedAccuracy test balanced accuracy
 * @param majorityBaseline majority-class baseline accuracy on the test rows
 * @param predictions one prediction per test row, in ascending row order
 * @param training how training went
 * @param libraryVersion Lens4J version that produced the result
 */
public record ProbeResult(String featureSetName, String control, ProbeConfig config, long seed, int runIndex,
        LabelMap labelMap, String split, int trainSize, int testSize, double accuracy, double balancedAccuracy,
        double majorityBaseline, List<Prediction> predictions, TrainingSummary training, String libraryVersion) {

    /** Validates and copies the components. */
    public ProbeResult {
        Objects.requireNonNull(featureSetName, "featureSetName");
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(labelMap, "labelMap");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(libraryVersion, "libraryVersion");
        predictions = List.copyOf(predictions);
    }

    /** Returns, per test item, whether the prediction equals the target (for paired tests such as McNemar's). */
    public boolean[] correct() {
        boolean[] correct = new boolean[predictions.size()];
        for (int i = 0; i < correct.length; i++) {
            correct[i] = predictions.get(i).correct();
        }
        return correct;
    }

    /** Returns the number of correct test predictions. */
    public int correctCount() {
        int count = 0;
        for (Prediction prediction : predictions) {
            count += prediction.correct() ? 1 : 0;
        }
        return count;
    }

    /** Returns the predicted class index of each test item. */
    public int[] predictedIndices() {
        return predictions.stream().mapToInt(p -> labelMap.indexOf(p.predicted())).toArray();
    }

    /** Returns the target class index of each test item. */
    public int[] targetIndices() {
        return predictions.stream().mapToInt(p -> labelMap.indexOf(p.target())).toArray();
    }

    /** Returns the item id of each test item, in prediction order. */
    public List<String> itemIds() {
        return predictions.stream().map(Prediction::itemId).toList();
    }

    @Override
    public String toString() {
        return "ProbeResult[" + featureSetName + ", control " + control + ", " + config.describe() + ", seed " + seed
                + " run " + runIndex + ", accuracy " + accuracy + " (balanced " + balancedAccuracy + ", majority "
                + majorityBaseline + ") on " + testSize + " test items]";
    }
}
