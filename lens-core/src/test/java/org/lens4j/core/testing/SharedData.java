package org.lens4j.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the reference data folder that sits beside the repository: {@code goldens/} with the
 * reference activations and {@code reference/} with configs, module lists and tokenizers.
 *
 * <p>The build passes its location as the system property {@code lens.shared.dir}; without it the
 * folder {@code shared} is searched upward from the working directory.
 */
public final class SharedData {

    private SharedData() {
    }

    /** Returns the reference data folder, failing the test with a clear message when it is absent. */
    public static Path root() {
        String configured = System.getProperty("lens.shared.dir");
        if (configured != null && Files.isDirectory(Paths.get(configured, "goldens"))) {
            return Paths.get(configured).toAbsolutePath().normalize();
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("goldens"))) {
                return candidate.normalize();
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("reference data folder not found: set -Dlens.shared.dir to the"
                + " folder that holds goldens/ and reference/ (expected beside the repository)");
    }

    /** Returns {@code goldens/<name>} under the reference data folder. */
    public static Path golden(String name) {
        Path path = root().resolve("goldens").resolve(name);
        if (!Files.exists(path)) {
            throw new IllegalStateException("golden case not found: " + path);
        }
        return path;
    }

    /** Returns {@code reference/<relative>} under the reference data folder. */
    public static Path reference(String relative) {
        return root().resolve("reference").resolve(relative);
    }

    /** Skips the calling test when the reference data folder is absent. */
    public static void assumePresent() {
        boolean present;
        try {
            root();
            present = true;
        } catch (IllegalStateException e) {
            present = false;
        }
        assumeTrue(present, "reference data folder not found");
    }
}
