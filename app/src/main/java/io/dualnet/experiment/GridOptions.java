package io.dualnet.experiment;

import io.dualnet.data.InvalidInputException;

import java.nio.file.Path;

/**
 * How to run a grid.
 *
 * @param dir folder of the results: each grid's finished cells go to {@code <dir>/<experiment-id>/cells.jsonl}, or
 *            to {@code <dir>/cells.jsonl} when {@code direct}
 * @param threads number of worker threads of the local engine, at least 1
 * @param direct true when the folder holds one grid's file directly ({@code <dir>/cells.jsonl}), for commands that
 *               run one grid into a folder the user names
 * @param spark Spark master URL ({@code local[2]}, {@code spark://host:7077}, {@code yarn}, or {@code submit} for
 *              the master given to {@code spark-submit}) to run cells on Apache Spark, or {@code null} for the local
 *              thread pool
 */
public record GridOptions(Path dir, int threads, boolean direct, String spark) {

    /** Validates every field. */
    public GridOptions {
        if (dir == null) {
            throw new InvalidInputException("dir", null, "a directory path");
        }
        InvalidInputException.requireAtLeast("threads", threads, 1);
        if (spark != null && spark.isBlank()) {
            throw new InvalidInputException("--spark", spark, "a Spark master URL such as local[2]");
        }
    }

    /** Results under {@code <dir>/<experiment-id>/cells.jsonl}, computed on {@code threads} local threads. */
    public GridOptions(Path dir, int threads) {
        this(dir, threads, false, null);
    }

    /** The same options with the cells file directly at {@code <dir>/cells.jsonl}. */
    public GridOptions directFile() {
        return new GridOptions(dir, threads, true, spark);
    }

    /** The same options running cells on Spark master {@code master} ({@code null}: the local thread pool). */
    public GridOptions withSpark(String master) {
        return new GridOptions(dir, threads, direct, master);
    }
}
