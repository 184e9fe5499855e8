/** The {@code dualnet} command line: entry point, subcommand registry, exit codes, JSON output and progress bars. */
package io.dualnet.cli;
