package io.dualnet.cli;

import io.dualnet.data.InvalidInputException;
import picocli.CommandLine.Command;

/**
 * {@code dualnet relu-deep}: deep ReLU networks built in closed form (paper 003 §4, paper 002 §4.1-4.2). The work
 * is done by its subcommands.
 */
@Command(name = "relu-deep", mixinStandardHelpOptions = true,
        description = "Deep ReLU networks in closed form: linear-spline interpolation of 1-D data and whitened data.",
        subcommands = {ReluDeepSplineCommand.class, ReluDeepWhitenedCommand.class})
public final class ReluDeepCommand extends DualnetSubcommand {

    @Override
    public Integer call() {
        throw new InvalidInputException("subcommand", "(missing)", "one of: spline, whitened");
    }

    /** Standard output of this invocation, for the subcommands. */
    java.io.PrintStream stdout() {
        return out();
    }

    /** Standard error of this invocation, for the subcommands. */
    java.io.PrintStream stderr() {
        return err();
    }
}
