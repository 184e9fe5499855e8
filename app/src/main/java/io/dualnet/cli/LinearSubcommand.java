package io.dualnet.cli;

import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** Base of the {@code dualnet linear ...} subcommands: output through the invocation's streams. */
abstract class LinearSubcommand implements Callable<Integer> {

    @ParentCommand
    private LinearCommand parent;

    /** Standard output of this invocation. */
    PrintStream out() {
        return parent.stdout();
    }
}
