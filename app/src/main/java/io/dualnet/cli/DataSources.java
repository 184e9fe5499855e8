package io.dualnet.cli;

import io.dualnet.data.InvalidInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one data-source rule of every command that reads data: the sources it offers ({@code --x/--y} files,
 * {@code --libsvm}, {@code --dataset}, {@code --generate}...) exclude each other, and {@code --x} and {@code --y}
 * come together. Contradictions are rejected before any file is read, with the same message everywhere:
 * {@code invalid --x/--y and --generate = both given: expected one data source: --x/--y or --generate}.
 *
 * <p>Usage: {@code DataSources.of().offer("--x/--y", x != null || y != null).offer("--generate", g != null)
 * .requireAtMostOne()} (or {@link #requireOne()} when there is no default source), then {@link #requirePair};
 * {@link #filesOrGenerate} for the usual pair {@code --x/--y} or {@code --generate}.
 */
final class DataSources {
    private final Map<String, Boolean> sources = new LinkedHashMap<>();

    private DataSources() {
    }

    /** An empty rule: add the command's sources with {@link #offer}. */
    static DataSources of() {
        return new DataSources();
    }

    /** Offers source {@code flag} (e.g. {@code --x/--y}), {@code given} when the user named it. */
    DataSources offer(String flag, boolean given) {
        sources.put(flag, given);
        return this;
    }

    /**
     * Throws unless at most one source was given (none means the command's default source).
     *
     * @throws InvalidInputException naming the contradicting flags
     */
    DataSources requireAtMostOne() {
        List<String> given = given();
        if (given.size() > 1) {
            throw new InvalidInputException(String.join(" and ", given), "both given",
                    "one data source: " + choices());
        }
        return this;
    }

    /**
     * Throws unless exactly one source was given.
     *
     * @throws InvalidInputException naming the contradicting flags, or the first source when none was given
     */
    DataSources requireOne() {
        requireAtMostOne();
        if (given().isEmpty()) {
            throw new InvalidInputException(sources.keySet().iterator().next(), "(missing)",
                    "one data source: " + choices());
        }
        return this;
    }

    /**
     * Throws when exactly one of a pair of files that come together ({@code --x} and {@code --y}) is given.
     *
     * @throws InvalidInputException naming the missing flag
     */
    static void requirePair(String first, Object firstValue, String second, Object secondValue) {
        if ((firstValue == null) != (secondValue == null)) {
            String missing = firstValue == null ? first : second;
            String present = firstValue == null ? second : first;
            throw new InvalidInputException(missing, "(missing)", "a CSV or .npy file with " + present);
        }
    }

    /**
     * The rule of the commands whose sources are {@code --x/--y} files or {@code --generate NAME}: at most one of them
     * ({@code required}: exactly one; else none means the command's default instance), and {@code --x} with
     * {@code --y}.
     *
     * @return whether the files were given (else the data is generated)
     * @throws InvalidInputException naming the contradicting or missing flags
     */
    static boolean filesOrGenerate(Path xFile, Path yFile, String generate, boolean required) {
        DataSources rule = of().offer("--x/--y", xFile != null || yFile != null).offer("--generate", generate != null);
        if (required) {
            rule.requireOne();
        } else {
            rule.requireAtMostOne();
        }
        requirePair("--x", xFile, "--y", yFile);
        return xFile != null;
    }

    private List<String> given() {
        List<String> given = new ArrayList<>();
        sources.forEach((flag, isGiven) -> {
            if (isGiven) {
                given.add(flag);
            }
        });
        return given;
    }

    private String choices() {
        List<String> flags = new ArrayList<>(sources.keySet());
        return flags.size() == 1 ? flags.get(0)
                : String.join(", ", flags.subList(0, flags.size() - 1)) + " or " + flags.get(flags.size() - 1);
    }
}
