package org.lens4j.core.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.lens4j.core.testing.QwenLikeTree;

class ModuleSelectionTest {

    private final ModuleTree tree = QwenLikeTree.build();

    @Test
    void layerGlobMatchesLayerOneAndTens() {
        List<String> expected = new ArrayList<>();
        expected.add("model.layers.1");
        IntStream.rangeClosed(10, 19).forEach(i -> expected.add("model.layers." + i));

        List<String> selected = tree.select(List.of("model.layers.1*"));

        assertEquals(11, selected.size());
        assertEquals(expected, selected);
    }

    @Test
    void starSegmentMatchesEveryLayerMlp() {
        List<String> selected = tree.select(List.of("model.layers.*.mlp"));

        assertEquals(QwenLikeTree.LAYERS, selected.size());
        assertTrue(selected.stream().allMatch(name -> name.matches("model\\.layers\\.\\d+\\.mlp")),
                selected.toString());
        assertFalse(selected.stream().anyMatch(name -> name.endsWith("act_fn")), selected.toString());
    }

    @Test
    void starInsideSegmentMatchesBlocksThirtySomething() {
        List<String> selected = tree.select(List.of("visual.blocks.3*.norm2"));

        assertEquals(List.of("visual.blocks.3.norm2", "visual.blocks.30.norm2", "visual.blocks.31.norm2"),
                selected);
    }

    @Test
    void dotsInGlobAreLiteral() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> tree.select(List.of("model.layersX1")));

        assertTrue(error.getMessage().contains("'model.layersX1'"), error.getMessage());
    }

    @Test
    void doubleStarMatchesAnyDepth() {
        List<String> selected = tree.select(List.of("visual.**.norm2"));

        assertEquals(QwenLikeTree.BLOCKS, selected.size());
    }

    @Test
    void doubleStarMatchesZeroSegments() {
        assertTrue(ModulePattern.parse("model.**.norm").matches("model.norm"));
    }

    @Test
    void regexMustMatchWholeName() {
        List<String> selected = tree.select(List.of("re:model\\.layers\\.(3|27)\\.mlp"));

        assertEquals(List.of("model.layers.3.mlp", "model.layers.27.mlp"), selected);
    }

    @Test
    void regexPrefixAloneDoesNotMatchChildren() {
        List<String> selected = tree.select(List.of("re:model\\.layers\\.3"));

        assertEquals(List.of("model.layers.3"), selected);
    }

    @Test
    void resultIsInTreeOrderWithoutDuplicates() {
        List<String> selected = tree.select(List.of("model.norm", "visual.blocks.0.norm1", "model.norm"));

        assertEquals(List.of("visual.blocks.0.norm1", "model.norm"), selected);
    }

    @Test
    void containersInsideGlobAreSkipped() {
        List<String> selected = tree.select(List.of("model.**"));

        assertFalse(selected.contains("model.layers"), "container model.layers was selected");
        assertFalse(selected.contains("model.layers.0.self_attn.rotary_emb"),
                "never-run rotary_emb was selected");
        assertTrue(selected.contains("model.layers.0.mlp.act_fn"));
    }

    @Test
    void containerOnlyPatternIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> tree.select(List.of("model.layers")));

        assertTrue(error.getMessage().contains("never run in forward"), error.getMessage());
        assertTrue(error.getMessage().contains("model.layers (CONTAINER)"), error.getMessage());
    }

    @Test
    void neverRunModuleIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> tree.select(List.of("model.layers.*.self_attn.rotary_emb")));

        assertTrue(error.getMessage().contains("NEVER_RUNS"), error.getMessage());
    }

    @Test
    void newLayoutNameResolvesToCanonical() {
        List<String> selected = tree.select(List.of("model.visual.blocks.31.norm2"));

        assertEquals(List.of("visual.blocks.31.norm2"), selected);
    }

    @Test
    void newLayoutGlobResolvesToCanonical() {
        List<String> selected = tree.select(List.of("model.language_model.layers.*.post_attention_layernorm"));

        assertEquals(QwenLikeTree.LAYERS, selected.size());
        assertEquals("model.layers.0.post_attention_layernorm", selected.get(0));
    }

    @Test
    void newLayoutUsesMostSpecificPrefix() {
        // "model.visual." and "model.language_model." both start with "model."; the merger must come
        // back as visual.merger, not as a language-model name.
        List<String> selected = tree.select(List.of("model.visual.merger.mlp.2", "model.language_model.norm"));

        assertEquals(List.of("visual.merger.mlp.2", "model.norm"), selected);
    }

    @Test
    void unmatchedPatternListsClosestNames() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> tree.select(List.of("visual.blocks.32.norm2")));

        String message = error.getMessage();
        assertTrue(message.contains("no module matches 'visual.blocks.32.norm2'"), message);
        assertTrue(message.contains("closest names"), message);
        assertTrue(message.contains("visual.blocks.31.norm2"), message);
    }

    @Test
    void closestNamesRankByEditDistance() {
        List<String> closest = NoMatchMessage.closestNames(tree, ModulePattern.parse("model.layers.99.mlp"));

        // Edit distance 1 for both (drop one '9'; replace the first '9' by '1'); the longer common
        // prefix ranks layers.9 first. Every other name is at distance 2 or more.
        assertEquals(5, closest.size());
        assertEquals("model.layers.9.mlp", closest.get(0));
        assertEquals("model.layers.19.mlp", closest.get(1));
    }

    @Test
    void unmatchedPatternNamesOtherLayoutSpelling() {
        ModuleTree newLayout = ModuleTrees.of(List.of(
                new ModuleInfo("model.visual.blocks.31.norm2", "LayerNorm", ModuleKind.VISION),
                new ModuleInfo("model.language_model.norm", "Qwen2RMSNorm", ModuleKind.SEQUENCE)),
                List.of());

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> newLayout.select(List.of("visual.blocks.31.norm2")));

        assertTrue(error.getMessage().contains("different layout prefix: model.visual.blocks.31.norm2"),
                error.getMessage());
    }

    @Test
    void unmatchedOldLayoutNameNamesNewSpelling() {
        ModuleTree oldLayout = ModuleTrees.of(List.of(
                new ModuleInfo("visual.blocks.31.norm2", "LayerNorm", ModuleKind.VISION)), List.of());

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> oldLayout.select(List.of("model.visual.blocks.31.norm2")));

        assertTrue(error.getMessage().contains("different layout prefix: visual.blocks.31.norm2"),
                error.getMessage());
    }

    @Test
    void invalidRegexIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> tree.select(List.of("re:model.layers.(")));

        assertTrue(error.getMessage().contains("invalid regular expression"), error.getMessage());
    }

    @Test
    void doubleStarInsideSegmentIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ModulePattern.parse("visual.blocks**.norm2"));

        assertTrue(error.getMessage().contains("whole segment"), error.getMessage());
    }

    @Test
    void blankPatternIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> tree.select(List.of(" ")));

        assertTrue(error.getMessage().contains("blank"), error.getMessage());
    }

    @Test
    void rootIsNeverMatched() {
        List<String> selected = tree.select(List.of("**"));

        assertFalse(selected.contains(""), "the root module was selected");
        assertEquals(tree.names().stream().filter(name -> tree.find(name).orElseThrow().runs())
                .collect(Collectors.toList()), selected);
    }
}
