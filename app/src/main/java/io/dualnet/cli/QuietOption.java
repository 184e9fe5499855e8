package io.dualnet.cli;

import picocli.CommandLine.Option;

/**
 * The {@code -q}/{@code --quiet} option of {@code report}, {@code repro ID} and the {@code repro} experiment commands
 * ({@code zhang-table1}, {@code zhang-vgg}): no progress bar on standard error.
 */
public final class QuietOption {

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;
}
