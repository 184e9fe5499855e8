package io.dualnet.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@link Main#run} in-process with captured standard output and error, for command tests. */
final class CliHarness {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    /** Runs the command line (without the debug stack traces) and returns its exit code. */
    int run(String... args) {
        outBytes.reset();
        errBytes.reset();
        return Main.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8), false);
    }

    /** Standard output of the last run. */
    String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    /** Standard error of the last run. */
    String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    /** Standard output of the last run, parsed as one JSON object. */
    JsonNode json() throws Exception {
        return JsonOutput.mapper().readTree(out());
    }
}
