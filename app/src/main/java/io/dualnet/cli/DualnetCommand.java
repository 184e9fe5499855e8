package io.dualnet.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * The top command {@code dualnet}. Its subcommands are listed in {@link Commands}; it holds the standard output
 * and error streams of the current invocation for them (see {@link DualnetSubcommand}).
 */
@Command(name = "dualnet", mixinStandardHelpOptions = true, version = "dualnet 0.1.0",
        description = "Neural networks trained to certified global optimality via convex duality.",
        synopsisSubcommandLabel = "COMMAND")
public final class DualnetCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;

    /** A top command writing to the given streams. */
    public DualnetCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Standard output of this invocation. */
    public PrintStream out() {
        return out;
    }

    /** Standard error of this invocation. */
    public PrintStream err() {
        return err;
    }

    /** Without a subcommand there is nothing to do: a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command (one of: "
                + String.join(", ", spec.subcommands().keySet()) + ")");
    }
}
