package org.lens4j.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lens4j.core.checkpoint.TensorDType;

/**
 * Checks the blobs against the real readers and writers: {@code torch.load}/{@code torch.save} and
 * {@code numpy.load}/{@code numpy.save}, run by a Python interpreter. Skipped when no
 * {@code python3} on the path (or {@code /usr/bin/python3}) imports both torch and numpy.
 */
class PythonInteropTest {

    private static final int DIMENSION = 3;
    private static final String PYTHON = findPython();

    @TempDir
    Path folder;

    @Test
    void vlmLensQueryReadsTorchCodecStore() throws Exception {
        assumeTrue(PYTHON != null, "no python3 with torch and numpy");
        Path file = folder.resolve("ours.db");
        try (FeatureStore store = FeatureStore.open(file,
                StoreOptions.defaults().withCodec(TensorCodec.TORCH));
                FeatureWriter writer = store.writer(StoreFixtures.run())) {
            for (int i = 0; i < 3; i++) {
                writer.add(StoreFixtures.row(i, DIMENSION));
            }
        }

        // The query and torch.load call of VLM-Lens' probe code.
        List<String> lines = python(String.join("\n",
                "import io, sqlite3, sys, torch",
                "con = sqlite3.connect(sys.argv[1])",
                "for layer, blob, label in con.execute(",
                "        'SELECT layer, tensor, label FROM tensors ORDER BY id'):",
                "    t = torch.load(io.BytesIO(blob), map_location='cpu')",
                "    print(layer, label, str(t.dtype), list(t.shape),",
                "          ' '.join(repr(float(x)) for x in t.flatten()))"), file.toString());

        assertEquals(3, lines.size(), String.join("\n", lines));
        for (int i = 0; i < 3; i++) {
            assertEquals(StoreFixtures.LAYER + " " + StoreFixtures.label(i) + " torch.float32 [1, 3] "
                    + floats(StoreFixtures.vector(i, DIMENSION)), lines.get(i));
        }
    }

    @Test
    void vlmLensDatabaseFromTorchSaveReadsBack() throws Exception {
        assumeTrue(PYTHON != null, "no python3 with torch and numpy");
        Path file = folder.resolve("theirs.db");

        // VLM-Lens' CREATE TABLE and INSERT; tensors are pooled [1, d] outputs, one of them a
        // non-contiguous view and one in bfloat16.
        python(String.join("\n",
                "import io, sqlite3, sys, torch",
                "con = sqlite3.connect(sys.argv[1])",
                "con.execute('''CREATE TABLE IF NOT EXISTS tensors (id INTEGER PRIMARY KEY,",
                "    name TEXT NOT NULL, architecture TEXT NOT NULL,",
                "    timestamp DATETIME DEFAULT CURRENT_TIMESTAMP, image_path TEXT NULL,",
                "    image_id INTEGER NULL, prompt TEXT NOT NULL, label TEXT NULL,",
                "    layer TEXT NOT NULL, pooling_method TEXT NULL,",
                "    tensor_dim INTEGER NOT NULL, tensor BLOB NOT NULL)''')",
                "rows = [torch.arange(3, dtype=torch.float32).reshape(1, 3),",
                "        (torch.arange(6, dtype=torch.float32).reshape(2, 3) + 97)[1:],",
                "        (torch.arange(3, dtype=torch.float32).reshape(1, 3) + 200)"
                        + ".to(torch.bfloat16)]",
                "for i, t in enumerate(rows):",
                "    blob = io.BytesIO()",
                "    torch.save(t, blob)",
                "    con.execute('INSERT INTO tensors (name, architecture, image_path, image_id,'",
                "        ' prompt, label, layer, pooling_method, tensor_dim, tensor)'",
                "        ' VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',",
                "        ('m', 'qwen', None, i, 'p', i % 2, 'layer.a', 'mean', t.shape[-1],",
                "         blob.getvalue()))",
                "con.commit()"), file.toString());

        try (FeatureStore store = FeatureStore.openReadOnly(file)) {
            FeatureMatrix matrix = store.features("layer.a", "mean");

            for (int i = 0; i < 3; i++) {
                assertArrayEquals(StoreFixtures.vector(i, DIMENSION),
                        matrix.features().getRow(i).toFloatVector(), "row " + i);
            }
            assertEquals(List.of("0", "1", "0"), matrix.labels());
            assertEquals(TensorDType.BF16, store.readTensor(3).dtype());
        }
    }

    @Test
    void numpyLoadsNpyBlobs() throws Exception {
        assumeTrue(PYTHON != null, "no python3 with torch and numpy");
        StoredTensor doubles = StoredTensor.ofDoubles(new double[] {1.5, -2, 1e-300, 4}, 2, 2);
        StoredTensor longs = StoredTensor.ofLongs(new long[] {-1, 1L << 40, 3}, 3);
        Files.write(folder.resolve("doubles.npy"), TensorCodec.NPY.encode(doubles));
        Files.write(folder.resolve("longs.npy"), TensorCodec.NPY.encode(longs));

        List<String> lines = python(String.join("\n",
                "import sys, numpy",
                "for name in ('doubles', 'longs'):",
                "    a = numpy.load(sys.argv[1] + '/' + name + '.npy')",
                "    print(a.dtype.str, a.shape, a.flags['C_CONTIGUOUS'], a.flatten().tolist())"),
                folder.toString());

        assertEquals(List.of("<f8 (2, 2) True [1.5, -2.0, 1e-300, 4.0]",
                "<i8 (3,) True [-1, 1099511627776, 3]"), lines);
    }

    @Test
    void numpySavedArraysDecode() throws Exception {
        assumeTrue(PYTHON != null, "no python3 with torch and numpy");

        python(String.join("\n",
                "import sys, numpy",
                "d = sys.argv[1]",
                "numpy.save(d + '/f4.npy', numpy.arange(6, dtype='<f4').reshape(2, 3))",
                "numpy.save(d + '/f8.npy', numpy.asfortranarray(",
                "    numpy.arange(6, dtype='>f8').reshape(2, 3)))",
                "numpy.save(d + '/i8.npy', numpy.array([-5, 2**40], dtype='<i8'))"),
                folder.toString());

        StoredTensor f4 = decode("f4.npy");
        StoredTensor f8 = decode("f8.npy");
        StoredTensor i8 = decode("i8.npy");
        assertArrayEquals(new long[] {2, 3}, f4.shape());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, f4.toFloatArray());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, f8.toDoubleArray());
        assertArrayEquals(new long[] {-5, 1L << 40}, i8.toLongArray());
    }

    private StoredTensor decode(String name) throws IOException {
        return TensorCodec.NPY.decode(Files.readAllBytes(folder.resolve(name)));
    }

    private List<String> python(String script, String argument)
            throws IOException, InterruptedException {
        Path scriptFile = Files.writeString(folder.resolve("check.py"), script + "\n");
        Path errors = folder.resolve("python.err");
        Process process = new ProcessBuilder(PYTHON, scriptFile.toString(), argument)
                .redirectError(errors.toFile())
                .start();
        String output = new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Python timed out");
        }
        assertEquals(0, process.exitValue(), Files.readString(errors));
        List<String> lines = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    /** Formats floats as Python's repr(float(x)) does for these integral values. */
    private static String floats(float[] values) {
        List<String> parts = new ArrayList<>();
        for (float value : values) {
            parts.add(Double.toString(value));
        }
        return String.join(" ", parts);
    }

    private static String findPython() {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            try {
                Process process = new ProcessBuilder(candidate, "-c", "import torch, numpy")
                        .redirectErrorStream(true)
                        .start();
                process.getInputStream().readAllBytes();
                if (process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    return candidate;
                }
                process.destroyForcibly();
            } catch (IOException e) {
                // Not installed under this name; try the next one.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }
}
