package io.dualnet.cli;

import io.dualnet.data.InvalidInputException;
import picocli.CommandLine.Command;

import java.io.PrintStream;

/**
 * {@code dualnet landscape}: loss surfaces on a plane of parameter space (Zhang, Shao, Salakhutdinov, Figures 1 and
 * 4; Li et al. 2018). The work is done by its subcommands.
 */
@Command(name = "landscape", mixinStandardHelpOptions = true,
        description = "Loss surfaces on the plane through three parameter vectors (Zhang et al., Figures 1 and 4) "
                + "or on a filter-normalized random plane (Li et al. 2018), and their speed benchmark.",
        subcommands = {LandscapePlaneCommand.class, LandscapeBenchCommand.class})
public final class LandscapeCommand extends DualnetSubcommand {

    @Override
    public Integer call() {
        throw new InvalidInputException("subcommand", "(missing)", "one of: plane, bench");
    }

    /** Standard output of this invocation, for the subcommands. */
    PrintStream stdout() {
        return out();
    }

    /** Standard error of this invocation, for the subcommands. */
    PrintStream stderr() {
        return err();
    }
}
