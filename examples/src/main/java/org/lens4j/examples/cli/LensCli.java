package org.lens4j.examples.cli;

import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.lens4j.core.LensRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code lens} command. */
@Command(name = "lens", mixinStandardHelpOptions = true, versionProvider = LensVersion.class,
        description = "Capture named layers of vision-language models and probe them.",
        subcommands = {ModulesCommand.class, ExtractCommand.class, ProbeCommand.class, SweepCommand.class,
                StudyCommand.class})
public final class LensCli implements Runnable {

    /** Exit code of a completed command. */
    public static final int EXIT_OK = 0;
    /** Exit code of a failure that is not the user's input. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of invalid arguments or input. */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the tool and exits with its code. */
    public static void main(String[] args) {
        LensRuntime.applyOfflineProperties();
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, out, err));
    }

    /** Runs the tool with the given streams and returns its exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new LensCli());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            err.println("lens: " + exception.getMessage());
            return EXIT_BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
            boolean badInput = isBadInput(exception);
            err.println("lens: " + (badInput ? "" : "failed: ") + oneLine(exception));
            return badInput ? EXIT_BAD_INPUT : EXIT_FAILURE;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static boolean isBadInput(Throwable exception) {
        if (exception instanceof IllegalArgumentException || exception instanceof FileSystemException
                || exception instanceof FileNotFoundException) {
            return true;
        }
        return exception instanceof UncheckedIOException && isBadInput(exception.getCause());
    }

    private static String oneLine(Throwable exception) {
        // An UncheckedIOException built from its cause alone repeats the cause's toString(), class
        // name included; show the cause instead.
        Throwable shown = exception;
        if (exception instanceof UncheckedIOException && exception.getCause() != null
                && String.valueOf(exception.getMessage()).equals(exception.getCause().toString())) {
            shown = exception.getCause();
        }
        String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        if (shown instanceof NoSuchFileException) {
            message = "file not found: " + message;
        } else if (shown instanceof FileSystemException) {
            message = shown.getClass().getSimpleName().replace("Exception", "") + ": " + message;
        }
        // A bare path or name says nothing about what went wrong: add the cause's reason.
        boolean bare = !message.contains(" ");
        if (bare && shown.getCause() != null && shown.getCause().getMessage() != null) {
            message = message + ": " + shown.getCause().getMessage();
        }
        return message.replaceAll("\\s+", " ").strip();
    }
}
