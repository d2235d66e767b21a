package org.lens4j.probe;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The deterministic map from label strings to class indices: the distinct labels sorted by {@link
 * String#compareTo}, numbered from 0. The same labels give the same map in every run and on every
 * machine; every {@link ProbeResult} carries the map it used.
 *
 * @param labels the distinct labels in index order
 */
public record LabelMap(List<String> labels) {

    /**
     * Validates and copies the labels.
     *
     * @throws IllegalArgumentException if the labels are not strictly increasing
     */
    public LabelMap {
        labels = List.copyOf(labels);
        for (int i = 1; i < labels.size(); i++) {
            if (labels.get(i - 1).compareTo(labels.get(i)) >= 0) {
                throw new IllegalArgumentException("label map entries must be distinct and sorted, but '"
                        + labels.get(i - 1) + "' comes before '" + labels.get(i) + "'; use LabelMap.of");
            }
        }
    }

    /** Builds the map of the distinct values of {@code values}. */
    public static LabelMap of(Collection<String> values) {
        Objects.requireNonNull(values, "values");
        return new LabelMap(List.copyOf(new TreeSet<>(values)));
    }

    /** Returns the number of classes. */
    public int size() {
        return labels.size();
    }

    /** Returns the label of class {@code index}. */
    public String label(int index) {
        return labels.get(index);
    }

    /**
     * Returns the index of {@code label}.
     *
     * @throws IllegalArgumentException if the label is not in the map
     */
    public int indexOf(String label) {
        int index = java.util.Collections.binarySearch(labels, label);
        if (index < 0) {
            throw new IllegalArgumentException("label '" + label + "' is not one of " + labels);
        }
        return index;
    }

    /** Returns the index of every label in {@code values}. */
    public int[] indicesOf(List<String> values) {
        int[] indices = new int[values.size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = indexOf(values.get(i));
        }
        return indices;
    }

    /** Returns the map as label → index, in index order. */
    public Map<String, Integer> asMap() {
        Map<String, Integer> map = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) {
            map.put(labels.get(i), i);
        }
        return map;
    }
}
