package io.dualnet.experiment;

import io.dualnet.data.InvalidInputException;

import java.util.Locale;

/**
 * One cell of the paper-002 linear verification grid: train one network on one instance at one depth.
 *
 * @param instance the data
 * @param instanceSeed seed of the data (used by {@link Wang002Instance#GAUSSIAN_8X5} only, but always in the key)
 * @param depth {@code L >= 2}
 * @param network architecture and objective
 * @param branches number of branches {@code m} (1 for the standard network)
 * @param width hidden width of the layers before the last hidden one (and of every hidden layer of the standard
 *     network); the parallel branches end in width 1
 * @param restarts random starts, {@code >= 1}
 * @param iterations Adam updates per restart, {@code >= 1}
 * @param seed training seed
 */
public record Wang002LinearCell(Wang002Instance instance, long instanceSeed, int depth, Wang002Network network,
                                int branches, int width, int restarts, int iterations, long seed)
        implements GridCell {
    private static final long serialVersionUID = 1L;

    /** Validates every field. */
    public Wang002LinearCell {
        if (instance == null) {
            throw new InvalidInputException("instance", null, "an instance");
        }
        if (network == null) {
            throw new InvalidInputException("network", null, "a network");
        }
        InvalidInputException.requireAtLeast("depth", depth, 2);
        InvalidInputException.requireAtLeast("branches", branches, 1);
        if (!network.parallel() && branches != 1) {
            throw new InvalidInputException("branches", branches, "1 for the standard network");
        }
        InvalidInputException.requireAtLeast("width", width, 1);
        InvalidInputException.requireAtLeast("restarts", restarts, 1);
        InvalidInputException.requireAtLeast("iterations", iterations, 1);
    }

    /** A stable, file-name-safe key encoding every field. */
    public String key() {
        return String.format(Locale.ROOT, "%s-is%d-L%d-%s-m%d-w%d-r%d-i%d-s%d", instance.key(), instanceSeed, depth,
                network.key(), branches, width, restarts, iterations, seed);
    }
}
