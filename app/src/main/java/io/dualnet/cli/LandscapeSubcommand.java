package io.dualnet.cli;

import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** Base of the {@code dualnet landscape ...} subcommands: output through the invocation's streams. */
abstract class LandscapeSubcommand implements Callable<Integer> {

    @ParentCommand
    private LandscapeCommand parent;

    /** Standard output of this invocation. */
    PrintStream out() {
        return parent.stdout();
    }

    /** Standard error of this invocation. */
    PrintStream err() {
        return parent.stderr();
    }
}
