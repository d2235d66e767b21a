package org.lens4j.examples.cli;

import picocli.CommandLine;

/** Reports the library version that the build recorded. */
final class LensVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"lens " + org.lens4j.core.LensVersion.get()};
    }
}
