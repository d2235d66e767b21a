package org.lens4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lens4j.core.testing.SharedData;

class LensCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return LensCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void modulesListsGoldenNamesInOrder() throws Exception {
        Path golden = SharedData.golden("qwen2_vl-single");
        String expected = String.join("\n", Files.readAllLines(golden.resolve("modules.txt")).subList(1, 4));

        int code = run("modules", "--model", golden.toString());

        assertEquals(LensCli.EXIT_OK, code, err.toString());
        assertTrue(out.toString().startsWith(expected), out.toString().substring(0, 200));
    }

    @Test
    void modulesSelectsByGlob() {
        int code = run("modules", "--model", SharedData.golden("qwen2_vl-single").toString(),
                "--select", "visual.blocks.*.norm2");

        assertEquals(LensCli.EXIT_OK, code, err.toString());
        assertTrue(out.toString().lines().allMatch(line -> line.matches("visual\\.blocks\\.\\d+\\.norm2")), out.toString());
    }

    @Test
    void unmatchedPatternExitsTwoNamingPattern() {
        int code = run("modules", "--model", SharedData.golden("qwen2_vl-single").toString(),
                "--select", "visual.blocks.99.norm2");

        assertEquals(LensCli.EXIT_BAD_INPUT, code);
        assertTrue(err.toString().contains("visual.blocks.99.norm2"), err.toString());
    }

    @Test
    void missingModelFolderExitsTwo(@TempDir Path dir) {
        int code = run("modules", "--model", dir.resolve("absent").toString());

        assertEquals(LensCli.EXIT_BAD_INPUT, code);
        assertTrue(err.toString().contains("config.json"), err.toString());
    }

    @Test
    void unknownOptionExitsTwo() {
        int code = run("modules", "--model", "x", "--frobnicate");

        assertEquals(LensCli.EXIT_BAD_INPUT, code);
        assertTrue(err.toString().contains("--frobnicate"), err.toString());
    }

    @Test
    void extractConfigWithUnknownKeyExitsTwo(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("extract.yaml");
        Files.writeString(config, "model_path: m\ninput_dir: d\noutput_db: o.db\nmodules: [a]\nlayerz: 3\n");

        int code = run("extract", "--config", config.toString());

        assertEquals(LensCli.EXIT_BAD_INPUT, code);
        assertTrue(err.toString().contains("layerz"), err.toString());
    }

    @Test
    void errorsFitOnOneLine(@TempDir Path dir) {
        run("sweep", "--db", dir.resolve("absent.db").toString());

        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }
}
