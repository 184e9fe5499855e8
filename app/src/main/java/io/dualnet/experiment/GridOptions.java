package io.dualnet.experiment;

import io.dualnet.data.InvalidInputException;

import java.nio.file.Path;

/**
 * How to run a grid.
 *
 * @param dir directory under which each experiment's results go ({@code <dir>/<experiment-id>/<key>.json})
 * @param threads number of worker threads, at least 1
 */
public record GridOptions(Path dir, int threads) {

    /** Validates every field. */
    public GridOptions {
        if (dir == null) {
            throw new InvalidInputException("dir", null, "a directory path");
        }
        InvalidInputException.requireAtLeast("threads", threads, 1);
    }
}
