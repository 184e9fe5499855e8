package io.dualnet.report;

import io.dualnet.data.InvalidInputException;

import java.nio.file.Path;
import java.util.List;

/**
 * Options of a report run.
 *
 * @param outDir directory receiving {@code index.html}, figures, CSV files and cell results
 * @param seed master seed; sections derive their seeds from it ({@link ReportContext#seedFor(String)})
 * @param quick true for small grids (tests, CI): same code paths, minutes instead of hours
 * @param threads worker threads for grids, at least 1
 * @param only ids of the sections to run, in registry order; empty for all
 * @param spark Spark master URL to run the grids on ({@code --spark}), or {@code null} for the local thread pool
 */
public record ReportOptions(Path outDir, long seed, boolean quick, int threads, List<String> only, String spark) {

    /** Validates every field, makes {@code outDir} absolute and copies {@code only}. */
    public ReportOptions {
        if (outDir == null) {
            throw new InvalidInputException("--out", null, "a directory path");
        }
        outDir = outDir.toAbsolutePath().normalize();
        InvalidInputException.requireAtLeast("--threads", threads, 1);
        if (only == null) {
            throw new InvalidInputException("--only", null, "a list of section ids (empty for all)");
        }
        for (String id : only) {
            Names.requireSectionId("--only", id);
        }
        only = List.copyOf(only);
    }

    /** Options running the grids on the local thread pool. */
    public ReportOptions(Path outDir, long seed, boolean quick, int threads, List<String> only) {
        this(outDir, seed, quick, threads, only, null);
    }
}
