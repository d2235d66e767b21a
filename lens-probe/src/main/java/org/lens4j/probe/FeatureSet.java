package org.lens4j.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An immutable table of probe inputs: one feature row per item, with its label, its group and an
 * optional type key.
 *
 * <p>Features are {@code n × d} float32, stored on the Java heap as a private copy; {@link
 * #features()} returns a fresh ND4J array each call, so callers own (and may modify) what they get.
 * The group (an image id, or a pair id) is the unit a split never cuts. The type key (a texture
 * id, say) is the unit a Hewitt &amp; Liang control task assigns its random label to.
 *
 * <pre>{@code
 * FeatureSet data = FeatureSet.builder()
 *         .setFeatures(pooled)                   // INDArray n × d
 *         .setLabels(labels)                     // List<String>, n entries
 *         .optGroups(imageIds)                   // default: every row its own group
 *         .optName("model.layers.14.post_attention_layernorm/MEAN")
 *         .build();
 * }</pre>
 */
public final class FeatureSet {

    private final String name;
    private final int rows;
    private final int columns;
    private final float[] values;
    private final List<String> labels;
    private final List<String> groups;
    private final List<String> itemIds;
    private final List<String> typeKeys;

    private FeatureSet(Builder builder, float[] values) {
        this.name = builder.name;
        this.rows = builder.rows;
        this.columns = builder.columns;
        this.values = values;
        this.labels = List.copyOf(builder.labels);
        this.groups = builder.groups == null ? rowNumbers(rows, "") : List.copyOf(builder.groups);
        this.itemIds = builder.itemIds == null ? rowNumbers(rows, "") : List.copyOf(builder.itemIds);
        this.typeKeys = builder.typeKeys == null ? null : List.copyOf(builder.typeKeys);
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a feature set with every row its own group and no type keys.
     *
     * @param features an {@code n × d} array (any floating dtype, copied as float32)
     * @param labels {@code n} labels
     */
    public static FeatureSet of(INDArray features, List<String> labels) {
        return builder().setFeatures(features).setLabels(labels).build();
    }

    /** Returns the name of what the features came from (a module and pooling), or {@code ""}. */
    public String name() {
        return name;
    }

    /** Returns the number of items {@code n}. */
    public int size() {
        return rows;
    }

    /** Returns the feature dimension {@code d}. */
    public int dimension() {
        return columns;
    }

    /** Returns a new float32 {@code n × d} ND4J array holding a copy of the features. */
    public INDArray features() {
        return Nd4j.create(values.clone(), new long[] {rows, columns}, DataType.FLOAT);
    }

    /** Returns a copy of row {@code row}. */
    public float[] row(int row) {
        Objects.checkIndex(row, rows);
        float[] copy = new float[columns];
        System.arraycopy(values, row * columns, copy, 0, columns);
        return copy;
    }

    /** Returns the labels, one per row (unmodifiable). */
    public List<String> labels() {
        return labels;
    }

    /** Returns the group ids, one per row (unmodifiable); row numbers when none were given. */
    public List<String> groups() {
        return groups;
    }

    /** Returns the item ids, one per row (unmodifiable); row numbers when none were given. */
    public List<String> itemIds() {
        return itemIds;
    }

    /** Returns the type keys for control tasks, one per row, if they were given. */
    public Optional<List<String>> typeKeys() {
        return Optional.ofNullable(typeKeys);
    }

    /** Returns the label map of these labels (distinct labels in sorted order). */
    public LabelMap labelMap() {
        return LabelMap.of(labels);
    }

    /** Returns a copy with another name; features and metadata are shared, being immutable. */
    public FeatureSet withName(String newName) {
        Builder builder = toBuilder();
        builder.name = Objects.requireNonNull(newName, "newName");
        return new FeatureSet(builder, values);
    }

    /**
     * Returns a copy with other labels, for instance a relabelled control target.
     *
     * @throws IllegalArgumentException if the list does not have {@link #size()} entries
     */
    public FeatureSet withLabels(List<String> newLabels) {
        Builder builder = toBuilder();
        builder.setLabels(newLabels);
        builder.validate();
        return new FeatureSet(builder, values);
    }

    /**
     * Returns whether {@code other} describes the same items: same size, labels, groups and item
     * ids (features and names may differ). A control model must be probed on such a twin.
     */
    public boolean hasSameItems(FeatureSet other) {
        return rows == other.rows
                && labels.equals(other.labels)
                && groups.equals(other.groups)
                && itemIds.equals(other.itemIds);
    }

    /** Returns a copy of the features as one row-major array of {@code n · d} values. */
    public float[] toArray() {
        return values.clone();
    }

    private Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.rows = rows;
        builder.columns = columns;
        builder.labels = labels;
        builder.groups = groups;
        builder.itemIds = itemIds;
        builder.typeKeys = typeKeys;
        return builder;
    }

    private static List<String> rowNumbers(int count, String prefix) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(prefix + i);
        }
        return Collections.unmodifiableList(ids);
    }

    @Override
    public String toString() {
        return "FeatureSet[" + (name.isEmpty() ? "" : name + ", ") + rows + " × " + columns + "]";
    }

    /** Builder of a {@link FeatureSet}: {@code set…} components are required, {@code opt…} optional. */
    public static final class Builder {

        private String name = "";
        private float[] values;
        private int rows = -1;
        private int columns = -1;
        private List<String> labels;
        private List<String> groups;
        private List<String> itemIds;
        private List<String> typeKeys;

        private Builder() {
        }

        /** Sets the {@code n × d} features from an ND4J array (copied, converted to float32). */
        public Builder setFeatures(INDArray features) {
            Objects.requireNonNull(features, "features");
            if (features.rank() != 2) {
                throw new IllegalArgumentException("features must be a 2-D n × d array, got shape "
                        + java.util.Arrays.toString(features.shape()));
            }
            long n = features.rows();
            long d = features.columns();
            if (n * d > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("features of shape " + n + " × " + d
                        + " exceed 2^31 elements; pool or reduce them first");
            }
            this.rows = (int) n;
            this.columns = (int) d;
            this.values = features.castTo(DataType.FLOAT).dup('c').data().asFloat();
            return this;
        }

        /** Sets the {@code n × d} features from Java rows (copied). */
        public Builder setFeatures(float[][] features) {
            Objects.requireNonNull(features, "features");
            int d = features.length == 0 ? 0 : features[0].length;
            float[] flat = new float[features.length * d];
            for (int i = 0; i < features.length; i++) {
                if (features[i].length != d) {
                    throw new IllegalArgumentException("feature row " + i + " has " + features[i].length
                            + " values but row 0 has " + d + "; all rows need the same length");
                }
                System.arraycopy(features[i], 0, flat, i * d, d);
            }
            this.rows = features.length;
            this.columns = d;
            this.values = flat;
            return this;
        }

        /** Sets the labels, one per row. */
        public Builder setLabels(List<String> labels) {
            this.labels = List.copyOf(Objects.requireNonNull(labels, "labels"));
            return this;
        }

        /** Sets the group ids (image or pair ids), one per row; default: each row is its own group. */
        public Builder optGroups(List<String> groups) {
            this.groups = List.copyOf(Objects.requireNonNull(groups, "groups"));
            return this;
        }

        /** Sets the item ids reported with predictions, one per row; default: row numbers. */
        public Builder optItemIds(List<String> itemIds) {
            this.itemIds = List.copyOf(Objects.requireNonNull(itemIds, "itemIds"));
            return this;
        }

        /** Sets the type keys a control task assigns random labels to, one per row. */
        public Builder optTypeKeys(List<String> typeKeys) {
            this.typeKeys = List.copyOf(Objects.requireNonNull(typeKeys, "typeKeys"));
            return this;
        }

        /** Sets a name for the source of the features, such as {@code "visual.blocks.31.norm2/MEAN"}. */
        public Builder optName(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Builds the feature set.
         *
         * @throws IllegalArgumentException if features or labels are missing, if any list does not
         *     have one entry per row, if a feature is NaN or infinite, or if there are no rows
         */
        public FeatureSet build() {
            if (values == null) {
                throw new IllegalArgumentException("features are missing; call setFeatures first");
            }
            validate();
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    throw new IllegalArgumentException("feature [" + (i / columns) + ", " + (i % columns)
                            + "] is " + values[i] + "; features must be finite");
                }
            }
            return new FeatureSet(this, values.clone());
        }

        private void validate() {
            if (labels == null) {
                throw new IllegalArgumentException("labels are missing; call setLabels first");
            }
            if (rows == 0) {
                throw new IllegalArgumentException("features have 0 rows; a feature set needs at least one");
            }
            checkLength("labels", labels);
            checkLength("groups", groups);
            checkLength("itemIds", itemIds);
            checkLength("typeKeys", typeKeys);
        }

        private void checkLength(String what, List<String> list) {
            if (list != null && list.size() != rows) {
                throw new IllegalArgumentException(what + " has " + list.size() + " entries but features have "
                        + rows + " rows; give one per row");
            }
        }
    }
}
