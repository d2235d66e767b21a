package org.lens4j.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the test class path in a fresh JVM without the offline switches, and
 * without network where the kernel allows an empty network namespace.
 */
final class ChildJvm {

    /**
     * The outcome of a child run.
     *
     * @param exitCode the exit status, or -1 when the child timed out and was killed
     * @param stdout standard output
     * @param stderr standard error (the child's log)
     */
    record Result(int exitCode, String stdout, String stderr) {

        /** Returns both streams, for assertion messages. */
        String output() {
            return "exit code " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
        }

        /** Returns the value printed on a standard output line {@code key=value}, or {@code null} when absent. */
        String value(String key) {
            for (String line : stdout.split("\n")) {
                if (line.startsWith(key + "=")) {
                    return line.substring(key.length() + 1).trim();
                }
            }
            return null;
        }
    }

    private ChildJvm() {
    }

    static Result run(Class<?> mainClass, Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (networkNamespaceAvailable()) {
            command.addAll(List.of("unshare", "-n"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx1g", "-cp", testClassPath(), mainClass.getName()));

        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        for (String variable : List.of("OPT_OUT_TRACKING", "DJL_OFFLINE", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
            environment.remove(variable);
        }
        Process process = builder.start();
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();
        Thread outReader = drain(process.getInputStream(), stdout);
        Thread errReader = drain(process.getErrorStream(), stderr);
        boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        outReader.join();
        errReader.join();
        return new Result(exited ? process.exitValue() : -1, stdout.toString(), stderr.toString());
    }

    /** Reads a stream to its end on another thread, so a full pipe cannot stall the child. */
    private static Thread drain(InputStream stream, StringBuilder target) {
        Thread reader = new Thread(() -> {
            try {
                target.append(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                target.append("failed to read the child output: ").append(e);
            }
        });
        reader.start();
        return reader;
    }

    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static boolean networkNamespaceAvailable() {
        try {
            Process probe = new ProcessBuilder("unshare", "-n", "true").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
