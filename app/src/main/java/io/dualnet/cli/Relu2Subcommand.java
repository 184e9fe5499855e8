package io.dualnet.cli;

import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** Base of the {@code dualnet relu2 ...} subcommands: output through the invocation's streams. */
abstract class Relu2Subcommand implements Callable<Integer> {

    @ParentCommand
    private Relu2Command parent;

    /** Standard output of this invocation. */
    PrintStream out() {
        return parent.stdout();
    }

    /** Standard error of this invocation (progress, warnings). */
    PrintStream err() {
        return parent.stderr();
    }
}
