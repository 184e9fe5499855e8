package io.dualnet.cli;

import io.dualnet.data.InvalidInputException;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Messages that name the flag the user typed: the library names its parameters ({@code x}, {@code Y},
 * {@code y[3]}, {@code testFraction}); a command runs the library call through {@link #named} with the map from
 * those names to its flags, so {@code invalid y[3] = 0.5} becomes {@code invalid --y (row 4) = 0.5}.
 */
final class FlagNames {
    private FlagNames() {
    }

    /**
     * The library's names of the data ({@code x}, {@code X}, {@code y}, {@code Y}, and the flag names {@code --x},
     * {@code --y} some routines use) mapped to the flags that gave it: {@code --x} and {@code --y} when the files
     * were given, else {@code generated} (e.g. {@code --generate}), plus {@code more} pairs (library name, flag),
     * e.g. {@code "hiddenWidth", "--width"}.
     */
    static Map<String, String> data(Path xFile, Path yFile, String generated, String... more) {
        String x = xFile != null ? "--x" : generated;
        String y = yFile != null ? "--y" : generated;
        Map<String, String> flags = new HashMap<>(Map.of("X", x, "x", x, "--x", x, "Y", y, "y", y, "--y", y));
        for (int i = 0; i + 1 < more.length; i += 2) {
            flags.put(more[i], more[i + 1]);
        }
        return Map.copyOf(flags);
    }

    /**
     * Runs {@code work}; an {@link InvalidInputException} about a parameter in {@code flags} (or an element
     * {@code name[i]} or {@code name[i,j]} of one) is re-thrown naming the flag.
     */
    static <T> T named(Map<String, String> flags, Supplier<T> work) {
        try {
            return work.get();
        } catch (InvalidInputException e) {
            throw rename(e, flags);
        }
    }

    /** {@code e} naming the flag of its parameter, or {@code e} itself when its parameter is not in {@code flags}. */
    static InvalidInputException rename(InvalidInputException e, Map<String, String> flags) {
        String parameter = e.parameter();
        if (parameter == null) {
            return e;
        }
        int bracket = parameter.indexOf('[');
        String base = bracket < 0 ? parameter : parameter.substring(0, bracket);
        String flag = flags.get(base);
        if (flag == null || flag.equals(parameter)) {
            return e;
        }
        if (bracket < 0) {
            return e.withParameter(flag);
        }
        String index = parameter.substring(bracket + 1, parameter.length() - 1);
        if (index.matches("\\d+")) {
            return e.withParameter(flag + " (row " + (Integer.parseInt(index) + 1) + ")");
        }
        return e.withParameter(flag + parameter.substring(bracket));
    }
}
