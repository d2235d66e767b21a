package org.lens4j.probe;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The Lens4J version recorded with every result, read from a resource the build writes. */
public final class LibraryVersion {

    /** Version when the build resource is missing (running from unfiltered sources). */
    public static final String UNKNOWN = "unknown";

    private static final String VERSION = load();

    private LibraryVersion() {
    }

    /** Returns the library version, such as {@code "0.1.0-SNAPSHOT"}, or {@link #UNKNOWN}. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = LibraryVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", UNKNOWN).trim();
            return version.isEmpty() || version.startsWith("${") ? UNKNOWN : version;
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
