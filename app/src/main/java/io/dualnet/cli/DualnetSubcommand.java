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
 *
 * <p>The bad-input contract (README, "Bad input"): validate every option, naming its flag, before the long work
 * (decimal options are already finite and within {@code [1e-100, 1e100]}, see {@link DecimalOption}); check sizes
 * given by flags with {@link io.dualnet.data.InputLimits#requireAllocatable} before allocating them; read data with
 * {@link io.dualnet.data.MatrixFiles#readData}; offer data sources through {@link DataSources}; write output files
 * through {@link io.dualnet.data.OutputSet} (prepared before the computation, committed at its end); report library
 * checks with the flag through {@link FlagNames}. Then add one cheap base invocation of the command to
 * {@code BadInputFuzzTest.BASES} (app tests), which fails until every subcommand has one.
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
