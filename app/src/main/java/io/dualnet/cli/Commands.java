package io.dualnet.cli;

import java.util.List;

/**
 * The registry of {@code dualnet} subcommands: to add one, append a line {@code new MyCommand(),} to
 * {@link #all()}. The command name comes from the class's {@code @Command(name = ...)}.
 */
public final class Commands {
    private Commands() {
    }

    /** Fresh instances of every subcommand (picocli stores parsed options in them), in help order. */
    public static List<DualnetSubcommand> all() {
        return List.of(
                new DeepLinearCommand(),
                new LinearCommand(),
                new LandscapeCommand(),
                new MultibranchCommand(),
                new Relu2Command(),
                new ReluDeepCommand(),
                new ReproCommand(),
                new ReportCommand()
        );
    }
}
