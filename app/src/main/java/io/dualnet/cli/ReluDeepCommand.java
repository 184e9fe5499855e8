package io.dualnet.cli;

import io.dualnet.data.InvalidInputException;
import picocli.CommandLine.Command;

/**
 * {@code dualnet relu-deep}: deep ReLU networks built in closed form and their duality (Ergen and Pilanci, Section 4;
 * Wang, Ergen and Pilanci, Section 4). The work is done by its subcommands.
 */
@Command(name = "relu-deep", mixinStandardHelpOptions = true,
        description = "Deep ReLU networks: closed forms on rank-one data (with the opposite-sign duality gap), "
                + "bounds for parallel deep ReLU networks, linear-spline interpolation of 1-D data and closed forms "
                + "on whitened data.",
        subcommands = {ReluDeepRankOneCommand.class, ReluDeepParallelCommand.class, ReluDeepSplineCommand.class,
                ReluDeepWhitenedCommand.class})
public final class ReluDeepCommand extends DualnetSubcommand {

    @Override
    public Integer call() {
        throw new InvalidInputException("subcommand", "(missing)", "one of: rank-one, parallel, spline, whitened");
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
