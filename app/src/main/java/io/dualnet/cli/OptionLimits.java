package io.dualnet.cli;

import io.dualnet.data.InputLimits;
import io.dualnet.data.InvalidInputException;
import io.dualnet.report.ReportOptions;

/**
 * Upper limits of the size options shared by several commands, so that a size given on the command line is refused
 * with a message naming its flag before anything of that size is allocated or started (the lower limits are checked
 * where each option is used).
 */
final class OptionLimits {
    /** Largest network depth ({@code --depth}): deeper linear networks only repeat the limit of their values. */
    static final int MAX_DEPTH = 10_000;

    private OptionLimits() {
    }

    /**
     * Throws unless {@code 2 <= depth <= MAX_DEPTH}.
     *
     * @return {@code depth}
     */
    static int depth(int depth) {
        if (depth < 2 || depth > MAX_DEPTH) {
            throw new InvalidInputException("--depth", depth, "an integer in [2, " + MAX_DEPTH + "]");
        }
        return depth;
    }

    /**
     * {@code --threads}, or the number of cores when not given.
     *
     * @throws InvalidInputException unless {@code 1 <= threads <= ReportOptions.MAX_THREADS}
     */
    static int threads(Integer threads) {
        if (threads == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (threads < 1 || threads > ReportOptions.MAX_THREADS) {
            throw new InvalidInputException("--threads", threads, "an integer in [1, " + ReportOptions.MAX_THREADS
                    + "]");
        }
        return threads;
    }

    /**
     * Throws unless a network of {@code hidden >= 1} hidden layers of {@code width} units between {@code in} inputs and
     * {@code out} outputs fits in memory ({@code in x width}, {@code hidden - 1} times {@code width x width},
     * {@code width x out} weights), {@code copies} times (e.g. the restarts trained at once, or the branches of a
     * parallel network times the arrays each needs in training).
     *
     * @param flag the flag that set the size (e.g. {@code --width})
     * @param copiesOf what the copies are, shown when there is more than one (e.g. {@code 8 branches x 4 arrays})
     * @throws InvalidInputException naming {@code flag} with the count of weights
     */
    static void requireHiddenLayersFit(String flag, long in, long width, int hidden, long out, long copies,
            String copiesOf) {
        double total = copies * ((double) in * width + (hidden - 1.0) * width * width + (double) width * out);
        InputLimits.requireAllocatable(flag, null, (copies == 1 ? "" : copiesOf + " of ") + hidden
                + " hidden layers of width " + width + " between " + in + " inputs and " + out + " outputs",
                total >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) total);
    }

    /**
     * Throws unless the layers of widths {@code dims[0] x dims[1]}, {@code dims[1] x dims[2]}, ... fit in memory.
     *
     * @param flag the flag that set the widths (e.g. {@code --widths})
     */
    static void requireLayersFit(String flag, int... dims) {
        long total = 0;
        for (int l = 1; l < dims.length; l++) {
            total += (long) dims[l - 1] * dims[l];
        }
        InputLimits.requireAllocatable(flag, null, "layers of " + java.util.Arrays.toString(dims)
                .replace("[", "").replace("]", "").replace(", ", " x ") + " weights", total);
    }
}
