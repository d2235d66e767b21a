package org.lens4j.core.checkpoint.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.lens4j.core.checkpoint.CheckpointFormatException;
import org.lens4j.core.checkpoint.TensorInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the tensor table of a checkpoint from its opened files, checking shards against the index. */
public final class ShardAssembly {

    private static final Logger LOG = LoggerFactory.getLogger(ShardAssembly.class);

    private static final int MAX_LISTED = 10;

    private ShardAssembly() {
    }

    /**
     * Returns every tensor of the checkpoint by name.
     *
     * <p>A tensor stored in two files is an error. With an index, every indexed tensor must be
     * in the shard the index names; tensors that a shard holds but the index does not list are
     * left out, with a warning.
     *
     * @throws CheckpointFormatException naming the tensors and shards in conflict
     */
    public static SortedMap<String, TensorInfo> assemble(CheckpointLayout layout, List<SafetensorsFile> files) {
        SortedMap<String, TensorInfo> stored = collectStored(layout, files);
        if (layout.weightMap() == null) {
            return stored;
        }
        SortedMap<String, TensorInfo> indexed = new TreeMap<>();
        List<String> lacking = new ArrayList<>();
        for (Map.Entry<String, String> entry : layout.weightMap().entrySet()) {
            TensorInfo info = stored.get(entry.getKey());
            if (info == null || !info.file().getFileName().toString().equals(entry.getValue())) {
                lacking.add("'" + entry.getKey() + "' (indexed in " + entry.getValue()
                        + (info == null ? ", absent from it)" : ", stored in " + info.file().getFileName() + ")"));
            } else {
                indexed.put(entry.getKey(), info);
            }
        }
        if (!lacking.isEmpty()) {
            throw new CheckpointFormatException("index " + layout.index() + " does not match its shards: "
                    + lacking.size() + " tensor(s) missing from the shard the index names: " + list(lacking));
        }
        warnUnindexed(layout, stored, indexed);
        return indexed;
    }

    private static SortedMap<String, TensorInfo> collectStored(CheckpointLayout layout, List<SafetensorsFile> files) {
        SortedMap<String, TensorInfo> stored = new TreeMap<>();
        List<String> duplicates = new ArrayList<>();
        for (SafetensorsFile file : files) {
            for (TensorInfo info : file.tensors().values()) {
                TensorInfo previous = stored.putIfAbsent(info.name(), info);
                if (previous != null) {
                    duplicates.add("'" + info.name() + "' in " + previous.file().getFileName() + " and "
                            + info.file().getFileName());
                }
            }
        }
        if (!duplicates.isEmpty()) {
            throw new CheckpointFormatException("checkpoint " + layout.source() + " stores " + duplicates.size()
                    + " tensor(s) in more than one shard: " + list(duplicates) + "; remove the stale shard files");
        }
        return stored;
    }

    private static void warnUnindexed(CheckpointLayout layout, Map<String, TensorInfo> stored, Map<String, TensorInfo> indexed) {
        List<String> unindexed = new ArrayList<>();
        for (String name : stored.keySet()) {
            if (!indexed.containsKey(name)) {
                unindexed.add("'" + name + "'");
            }
        }
        if (!unindexed.isEmpty()) {
            LOG.warn("Ignoring {} tensor(s) stored in the shards of {} but not listed in its index: {}",
                    unindexed.size(), layout.source(), list(unindexed));
        }
    }

    private static String list(List<String> items) {
        if (items.size() <= MAX_LISTED) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, MAX_LISTED)) + " and " + (items.size() - MAX_LISTED) + " more";
    }
}
