package org.lens4j.core.store;

import java.util.UUID;

/**
 * The metadata of one run. Every row it writes carries the model id (in the VLM-Lens column
 * {@code name}), the architecture, the model revision and the run id, and the {@code runs} table
 * keeps the rest.
 *
 * <pre>{@code
 * RunInfo run = RunInfo.of("Qwen/Qwen2-VL-2B-Instruct", "qwen2-vl")
 *         .withModelRevision("895c3a49")
 *         .withSeed(42L);
 * }</pre>
 *
 * @param runId a unique id of this run
 * @param modelId the model's id or path, stored in the {@code name} column
 * @param architecture the model family, stored in the {@code architecture} column
 * @param modelRevision the checkpoint revision (commit hash or tag), or null if unknown
 * @param libraryVersion the Lens4J version that wrote the rows
 * @param seed the seed of the run's random choices, or null if it made none
 */
public record RunInfo(String runId, String modelId, String architecture, String modelRevision,
        String libraryVersion, Long seed) {

    /**
     * Checks the run.
     *
     * @throws IllegalArgumentException if the run id, model id, architecture or library version
     *     is null or blank
     */
    public RunInfo {
        requireText(runId, "runId");
        requireText(modelId, "modelId");
        requireText(architecture, "architecture");
        requireText(libraryVersion, "libraryVersion");
    }

    /**
     * Creates a run with a random UUID as run id, no revision, no seed, and the library version
     * from the lens-core jar manifest ("unknown" when running from classes).
     */
    public static RunInfo of(String modelId, String architecture) {
        return new RunInfo(UUID.randomUUID().toString(), modelId, architecture, null,
                defaultLibraryVersion(), null);
    }

    /** Returns a copy with another run id, such as the id of the run being resumed. */
    public RunInfo withRunId(String newRunId) {
        return new RunInfo(newRunId, modelId, architecture, modelRevision, libraryVersion, seed);
    }

    /** Returns a copy with a model revision. */
    public RunInfo withModelRevision(String revision) {
        return new RunInfo(runId, modelId, architecture, revision, libraryVersion, seed);
    }

    /** Returns a copy with a library version. */
    public RunInfo withLibraryVersion(String version) {
        return new RunInfo(runId, modelId, architecture, modelRevision, version, seed);
    }

    /** Returns a copy with a seed. */
    public RunInfo withSeed(Long newSeed) {
        return new RunInfo(runId, modelId, architecture, modelRevision, libraryVersion, newSeed);
    }

    private static String defaultLibraryVersion() {
        String version = RunInfo.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Run " + name + " is "
                    + (value == null ? "null" : "blank") + "; pass a non-empty value");
        }
    }
}
