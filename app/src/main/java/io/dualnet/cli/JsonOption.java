package io.dualnet.cli;

import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --json} option of the commands that build their result as one map of fields (the {@code relu-deep}
 * commands), and the printing of that map: one JSON object with {@code --json}, else aligned {@code key: value}
 * lines or the command's own text.
 */
public final class JsonOption {

    @Option(names = "--json", description = "Print one JSON object (fields documented in README.md).")
    boolean json;

    /** Whether {@code --json} was given. */
    boolean given() {
        return json;
    }

    /** With {@code --json}, prints {@code result} on {@code out} as one JSON object and returns true; else false. */
    boolean printJson(Map<String, Object> result, PrintStream out) {
        if (json) {
            JsonOutput jo = JsonOutput.object();
            result.forEach(jo::put);
            jo.write(out);
        }
        return json;
    }

    /** Prints {@code result} as one JSON object ({@code --json}) or as {@code key: value} lines. */
    void print(Map<String, Object> result, PrintStream out) {
        if (printJson(result, out)) {
            return;
        }
        for (Map.Entry<String, Object> e : result.entrySet()) {
            Object value = e.getValue();
            String shown = value instanceof double[] a ? Arrays.toString(a)
                    : value instanceof Double dv ? String.format(Locale.ROOT, "%.6g", dv)
                    : value instanceof Map<?, ?> m ? nested(m)
                    : String.valueOf(value);
            out.println(e.getKey() + ": " + shown);
        }
    }

    private static String nested(Map<?, ?> m) {
        JsonOutput jo = JsonOutput.object();
        m.forEach((k, v) -> jo.put(String.valueOf(k), v));
        return jo.toJson(false);
    }
}
