package io.dualnet.cli;

import io.dualnet.data.InvalidInputException;
import picocli.CommandLine.Command;

/**
 * {@code dualnet relu2}: two-layer ReLU networks trained to certified global optimality through their convex
 * reformulation over activation patterns (paper 002 Appendix A; spec §1.3). The work is done by its subcommands.
 */
@Command(name = "relu2", mixinStandardHelpOptions = true,
        description = "Two-layer ReLU networks with weight decay, trained to certified global optimality by their convex "
                + "reformulation over activation patterns: fit, certify a given network, or follow a beta path.",
        subcommands = {Relu2FitCommand.class, Relu2CertifyCommand.class, Relu2PathCommand.class,
            Relu2PredictCommand.class})
public final class Relu2Command extends DualnetSubcommand {

    @Override
    public Integer call() {
        throw new InvalidInputException("subcommand", "(missing)", "one of: fit, certify, path, predict");
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
