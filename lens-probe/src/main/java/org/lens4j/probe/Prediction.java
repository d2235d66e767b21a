package org.lens4j.probe;

import java.util.Arrays;
import java.util.Objects;

/**
 * The prediction of a probe for one test item.
 *
 * @param itemId the item id of the row
 * @param group the group id of the row
 * @param target the label the probe was scored against (the true label, or a control task's label)
 * @param predicted the predicted label
 * @param probabilities class probabilities in label-map order
 */
public record Prediction(String itemId, String group, String target, String predicted, double[] probabilities) {

    /** Validates and copies the components. */
    public Prediction {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(predicted, "predicted");
        probabilities = probabilities.clone();
    }

    /** Returns whether the prediction equals the target. */
    public boolean correct() {
        return target.equals(predicted);
    }

    /** Returns a copy of the class probabilities. */
    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Prediction that
                && itemId.equals(that.itemId)
                && group.equals(that.group)
                && target.equals(that.target)
                && predicted.equals(that.predicted)
                && Arrays.equals(probabilities, that.probabilities);
    }

    @Override
    public int hashCode() {
        return Objects.hash(itemId, group, target, predicted, Arrays.hashCode(probabilities));
    }

    @Override
    public String toString() {
        return "Prediction[" + itemId + ": " + target + " → " + predicted + "]";
    }
}
