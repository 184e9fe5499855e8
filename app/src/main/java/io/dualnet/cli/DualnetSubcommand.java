package io.dualnet.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * Base class of {@code dualnet} subcommands: gives access to the invocation's output streams.
 *
 * <p>A subcommand is a picocli {@code @Command} class extending this one and returning its exit code from
 * {@link #call()}. Throw {@link IllegalArgumentException} (e.g. {@link io.dualnet.data.InvalidInputException}) for
 * bad input (exit 2, one line on stderr); other exceptions are internal errors (exit 1). Register it with one
 * line in {@link Commands#all()}.
 */
public abstract class DualnetSubcommand implements Callable<Integer> {

    @ParentCommand
    private DualnetCommand parent;

    @Spec
    private CommandSpec spec;

    /** Standard output of this invocation (results; JSON with {@code --json}). */
    protected PrintStream out() {
        return parent.out();
    }

    /** Standard error of this invocation (progress, warnings). */
    protected PrintStream err() {
        return parent.err();
    }

    /** This command's picocli model (name, options, usage). */
    protected CommandSpec spec() {
        return spec;
    }
}
