package io.dualnet.cli;

import io.dualnet.data.InvalidInputException;
import picocli.CommandLine.Command;

/**
 * {@code dualnet linear}: linear networks, standard vs parallel (Wang, Ergen, Pilanci) and their layer structure
 * (Ergen, Pilanci). The work is done by its subcommands.
 */
@Command(name = "linear", mixinStandardHelpOptions = true,
        description = "Linear networks: minimum-norm standard vs parallel duality gaps, the staircase of partial duals, "
                + "two-layer nuclear-norm regression and whitened weight decay.",
        subcommands = {LinearMinNormCommand.class, LinearStaircaseCommand.class, LinearTwoLayerCommand.class,
            LinearWeightDecayCommand.class})
public final class LinearCommand extends DualnetSubcommand {

    @Override
    public Integer call() {
        throw new InvalidInputException("subcommand", "(missing)", "one of: min-norm, staircase, two-layer, weight-decay");
    }

    /** Standard output of this invocation, for the subcommands. */
    java.io.PrintStream stdout() {
        return out();
    }
}
