package org.lens4j.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The Lens4J library version, recorded with every capture and result. */
public final class LensVersion {

    private static final String RESOURCE = "lens4j.properties";
    private static final String UNKNOWN = "unknown";
    private static final String VERSION = load();

    private LensVersion() {
    }

    /** Returns the version of the lens-core artifact, for example {@code "0.1.0-SNAPSHOT"}. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = LensVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", UNKNOWN);
            // An unfiltered copy (for example when run from an IDE without Maven) still has the placeholder.
            return version.startsWith("${") ? UNKNOWN : version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Lens4J version file " + RESOURCE, e);
        }
    }
}
