package io.dualnet.cli;

import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** Base of the {@code dualnet multibranch ...} subcommands: output through the invocation's streams. */
abstract class MultibranchSubcommand implements Callable<Integer> {

    @ParentCommand
    private MultibranchCommand parent;

    /** Standard output of this invocation. */
    PrintStream out() {
        return parent.stdout();
    }

    /** Standard error of this invocation (warnings). */
    PrintStream err() {
        return parent.stderr();
    }

    /** Prints {@code dualnet: warning: <text>} on standard error. */
    void warn(String text) {
        err().println("dualnet: warning: " + text);
        err().flush();
    }
}
