package org.lens4j.core.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties of pattern matching over seeded random module names. */
class ModulePatternPropertyTest {

    private static final String[] SEGMENTS = {"a", "b", "c", "ab", "0", "1", "12", "mlp", "mlp_1", "x-y"};
    private static final int NAMES_PER_SEED = 200;
    private static final int MAX_DEPTH = 5;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 25);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void globWithoutWildcardsMatchesOnlyItself(long seed) {
        List<String> names = randomNames(seed);
        String chosen = names.get(new Random(seed).nextInt(names.size()));
        ModulePattern pattern = ModulePattern.parse(chosen);

        List<String> matched = new ArrayList<>();
        for (String name : names) {
            if (pattern.matches(name)) {
                matched.add(name);
            }
        }

        assertEquals(List.of(chosen), matched, "seed " + seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void singleStarSegmentKeepsThreeSegments(long seed) {
        ModulePattern pattern = ModulePattern.parse("a.*.c");

        for (String name : randomNames(seed)) {
            if (pattern.matches(name)) {
                assertEquals(3, name.split("\\.", -1).length, "seed " + seed + ", name " + name);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void globAgreesWithEquivalentRegex(long seed) {
        ModulePattern glob = ModulePattern.parse("a.**.1*");
        ModulePattern regex = ModulePattern.parse("re:a(\\.[^.]+)*\\.1[^.]*");

        for (String name : randomNames(seed)) {
            assertEquals(regex.matches(name), glob.matches(name), "seed " + seed + ", name " + name);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void selectionIsSubsetOfTree(long seed) {
        List<String> names = randomNames(seed);
        List<ModuleInfo> modules = new ArrayList<>();
        for (String name : names) {
            modules.add(new ModuleInfo(name, "Linear", ModuleKind.OTHER));
        }
        ModuleTree tree = ModuleTrees.of(modules, List.of());

        List<String> selected = tree.select(List.of("**"));

        assertEquals(names, selected, "seed " + seed);
        assertTrue(new LinkedHashSet<>(selected).size() == selected.size(), "seed " + seed);
    }

    /** Returns distinct random dotted names, each with 1 to 5 segments. */
    private static List<String> randomNames(long seed) {
        Random random = new Random(seed);
        Set<String> names = new LinkedHashSet<>();
        while (names.size() < NAMES_PER_SEED) {
            int depth = 1 + random.nextInt(MAX_DEPTH);
            StringBuilder name = new StringBuilder();
            for (int i = 0; i < depth; i++) {
                if (i > 0) {
                    name.append('.');
                }
                name.append(SEGMENTS[random.nextInt(SEGMENTS.length)]);
            }
            names.add(name.toString());
        }
        return new ArrayList<>(names);
    }
}
