package io.dualnet.cli;

import io.dualnet.data.InvalidInputException;
import picocli.CommandLine.Command;

import java.io.PrintStream;

/**
 * {@code dualnet multibranch}: multi-branch networks of Zhang, Shao, Salakhutdinov (Theorem 1): the exact
 * Shapley-Folkman duality gap, training, and the Figure 3 picture. The work is done by its subcommands.
 */
@Command(name = "multibranch", mixinStandardHelpOptions = true,
        description = "Multi-branch networks f = (1/I) sum_i f_i (Zhang et al., Theorem 1): the exact duality gap "
                + "against I with the 2/I bound, training, and the Shapley-Folkman picture (Figure 3).",
        subcommands = {MultibranchGapCommand.class, MultibranchTrainCommand.class,
            MultibranchShapleyFolkmanCommand.class})
public final class MultibranchCommand extends DualnetSubcommand {

    @Override
    public Integer call() {
        throw new InvalidInputException("subcommand", "(missing)", "one of: gap, train, shapley-folkman");
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
