package io.dualnet.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Runs one {@code dualnet} command {@code REPS} times in this JVM and prints their standard outputs as one JSON
 * array (each command must print one JSON object, i.e. be given {@code --json}): the first run pays for class loading
 * and compilation, the later ones show what a library user's repeated call costs. Side-by-side scripts set the later
 * runs' {@code seconds} beside a peer timed in its own warm process ({@code bench/scripts/relu2_exact_1d.py}).
 *
 * <p>The command line classes come from the application jar on the class path (found by name, so that this module
 * keeps depending on the library only). Run: {@code java -cp "bench/target/dualnet-bench.jar:app/target/dualnet-app.jar:app/target/lib/*"
 * io.dualnet.bench.RepeatedCommand REPS relu2 fit ... --json --quiet}.
 */
public final class RepeatedCommand {
    private RepeatedCommand() {
    }

    /** Entry point. */
    public static void main(String[] args) throws ReflectiveOperationException {
        if (args.length < 2) {
            throw new IllegalArgumentException("expected REPS and a dualnet command, got " + Arrays.toString(args));
        }
        int reps = Integer.parseInt(args[0]);
        if (reps < 1) {
            throw new IllegalArgumentException("REPS must be at least 1, got " + reps);
        }
        String[] command = Arrays.copyOfRange(args, 1, args.length);
        Method run = Class.forName("io.dualnet.cli.Main").getMethod("run", String[].class, PrintStream.class,
                PrintStream.class);
        StringBuilder outputs = new StringBuilder("[");
        for (int r = 0; r < reps; r++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = (int) run.invoke(null, command, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            if (code != 0) {
                System.err.println("repeated command: run " + r + " exited with " + code);
                System.exit(code);
            }
            outputs.append(r == 0 ? "" : ",").append(out.toString(StandardCharsets.UTF_8).trim());
        }
        System.out.println(outputs.append(']'));
    }
}
