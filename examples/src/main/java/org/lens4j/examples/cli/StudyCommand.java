package org.lens4j.examples.cli;

import picocli.CommandLine.Command;

/** {@code lens study}: the built-in studies. */
@Command(name = "study", mixinStandardHelpOptions = true, description = "Run a built-in probing study.",
        subcommands = FabricStudyCommand.class)
final class StudyCommand implements Runnable {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
