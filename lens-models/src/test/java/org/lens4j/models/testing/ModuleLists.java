package org.lens4j.models.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.lens4j.core.module.ModuleInfo;
import org.lens4j.core.module.ModuleTree;

/** Reads reference module lists and checks a tree against what a forward pass reported. */
public final class ModuleLists {

    private ModuleLists() {
    }

    /** Reads a {@code modules.txt}-style list, one name per line, keeping the empty root line. */
    public static List<String> read(Path file) {
        try {
            String text = Files.readString(file);
            if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            return List.of(text.split("\n", -1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the names that do not end in {@code rotary_emb}, as a sorted set. */
    public static Set<String> withoutRotary(List<String> names) {
        return names.stream().filter(name -> !name.endsWith("rotary_emb"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Asserts that the modules reported by a forward pass are exactly the tree's modules that run. */
    public static void assertReportedAreRunning(ModuleTree tree, Map<String, ?> reported) {
        Set<String> running = new TreeSet<>();
        for (String name : tree.names()) {
            ModuleInfo info = tree.find(name).orElseThrow();
            if (info.runs()) {
                running.add(name);
            }
        }
        assertEquals(running, new TreeSet<>(reported.keySet()), "modules reported by forward vs modules that run");
    }
}
