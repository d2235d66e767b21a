package org.lens4j.examples.cli;

import picocli.CommandLine;

/** Reports the library version from the jar manifest, or "development" when run from classes. */
final class LensVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = LensVersion.class.getPackage().getImplementationVersion();
        return new String[] {"lens " + (version == null ? "development" : version)};
    }
}
