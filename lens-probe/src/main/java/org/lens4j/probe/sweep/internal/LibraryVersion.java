package org.lens4j.probe.sweep.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The Lens4J version recorded in results, read from a resource filtered by the build. */
public final class LibraryVersion {

    private static final String RESOURCE = "/org/lens4j/probe/sweep/lens-probe.properties";

    private static final String VERSION = load();

    private LibraryVersion() {
    }

    /** Returns the version, such as {@code "0.1.0-SNAPSHOT"}, or {@code "unknown"}. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = LibraryVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown");
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read " + RESOURCE, e);
        }
    }
}
