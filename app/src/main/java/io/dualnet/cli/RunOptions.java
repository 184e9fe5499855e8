package io.dualnet.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The run options of the {@code relu-deep} commands that train ({@code spline}, {@code whitened}): {@code --threads}
 * for the restarts, {@code --seed}, {@code --json} and {@code --quiet}. Each command keeps its own {@code --out}, whose
 * description says which files it writes.
 */
public final class RunOptions {

    @Option(names = "--threads", description = "Threads for the restarts (default: all cores).")
    Integer threads;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of --generate and of training (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    JsonOption json;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    /**
     * {@code --threads}, or the number of cores.
     *
     * @throws io.dualnet.data.InvalidInputException naming {@code --threads} when out of range
     */
    int threads() {
        return OptionLimits.threads(threads);
    }

    /** Whether the progress bar is off: {@code --quiet}, or {@code --json} (standard output is for the object). */
    boolean quiet() {
        return quiet || json.given();
    }
}
