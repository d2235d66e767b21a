package org.lens4j.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.lens4j.core.module.ModuleInfo;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.models.Lens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lens modules}: lists module names from config.json without reading weights. */
@Command(name = "modules", mixinStandardHelpOptions = true,
        description = "List the module names of a model from its config.json (no weights are read).")
final class ModulesCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder with config.json.")
    private Path model;

    @Option(names = "--select", paramLabel = "PATTERN",
            description = "Print only the modules these patterns select (exact, glob with * and **, or re:REGEX).")
    private List<String> patterns;

    @Option(names = "--kinds", description = "Also print each module's class and kind.")
    private boolean kinds;

    @Override
    public Integer call() {
        ModuleTree tree = Lens.listModules(model);
        List<String> names = patterns == null || patterns.isEmpty() ? tree.names() : tree.select(patterns);
        PrintWriter out = spec.commandLine().getOut();
        for (String name : names) {
            if (name.isEmpty()) {
                continue; // the root module has no name
            }
            if (kinds) {
                ModuleInfo info = tree.find(name).orElseThrow();
                out.println(name + "\t" + info.type() + "\t" + info.kind());
            } else {
                out.println(name);
            }
        }
        out.flush();
        return LensCli.EXIT_OK;
    }
}
