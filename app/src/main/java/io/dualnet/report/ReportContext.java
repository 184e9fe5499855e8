package io.dualnet.report;

import io.dualnet.data.InvalidInputException;
import io.dualnet.experiment.GridOptions;
import io.dualnet.experiment.GridRunner;
import io.dualnet.experiment.ProgressSink;

import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * What a {@link ReportSection} gets to render itself: where to write, the seed, the size of the run, and helpers.
 *
 * @param outDir the report directory (contains {@code index.html})
 * @param sectionId the id of the section being rendered
 * @param seed the report's master seed
 * @param quick true for small grids (tests, CI)
 * @param threads worker threads available to the section
 * @param progress where to report progress of long loops ({@link ProgressSink#none()} for none)
 * @param spark Spark master URL the grids run on ({@code --spark}), or {@code null} for the local thread pool
 */
public record ReportContext(Path outDir, String sectionId, long seed, boolean quick, int threads,
                            ProgressSink progress, String spark) {

    /** Validates every field. */
    public ReportContext {
        if (outDir == null) {
            throw new InvalidInputException("outDir", null, "a directory path");
        }
        outDir = outDir.toAbsolutePath().normalize();
        Names.requireSectionId("sectionId", sectionId);
        InvalidInputException.requireAtLeast("threads", threads, 1);
        if (progress == null) {
            throw new InvalidInputException("progress", null, "a progress sink (ProgressSink.none() for none)");
        }
    }

    /** A context whose grids run on the local thread pool. */
    public ReportContext(Path outDir, String sectionId, long seed, boolean quick, int threads, ProgressSink progress) {
        this(outDir, sectionId, seed, quick, threads, progress, null);
    }

    /** The section's own directory, {@code <outDir>/<sectionId>}, for its figures and CSV files. */
    public Path sectionDir() {
        return outDir.resolve(sectionId);
    }

    /**
     * A seed derived from the master seed, the section id and {@code label}: independent streams for different
     * purposes, reproducible from the master seed.
     */
    public long seedFor(String label) {
        long mix = seed * 0x9E3779B97F4A7C15L + sectionId.hashCode() * 31L + String.valueOf(label).hashCode();
        return new SplittableRandom(mix).nextLong();
    }

    /**
     * Saves {@code plot} as {@code <sectionDir>/<name>.png} and, with {@code svg}, {@code <name>.svg} (both
     * atomically).
     *
     * @return the figure to add to the section's result
     */
    public Figure saveFigure(LinePlot plot, String name, String caption, boolean svg) {
        Names.requireFileName("name", name);
        Path png = sectionDir().resolve(name + ".png");
        plot.savePng(png);
        Path svgFile = null;
        if (svg) {
            svgFile = sectionDir().resolve(name + ".svg");
            plot.saveSvg(svgFile);
        }
        return new Figure(png, svgFile, caption);
    }

    /** Saves {@code plot} as PNG and SVG; see {@link #saveFigure(LinePlot, String, String, boolean)}. */
    public Figure saveFigure(LinePlot plot, String name, String caption) {
        return saveFigure(plot, name, caption, true);
    }

    /**
     * A grid runner saving cell results to {@code <outDir>/data/<experiment-id>/cells.jsonl}, with this context's
     * threads, progress and engine (Spark with {@code --spark}). Finished cells are reused by later runs, so cell keys must encode every parameter that changes
     * the result (including the seed and any quick-mode size).
     */
    public GridRunner gridRunner() {
        return new GridRunner(new GridOptions(outDir.resolve("data"), threads).withSpark(spark), progress);
    }

    /**
     * A grid runner writing the finished cells directly to {@code <dir>/cells.jsonl} (one grid per folder, e.g. a
     * command's {@code --out DIR}), with this context's threads, progress and engine.
     */
    public GridRunner gridRunnerIn(Path dir) {
        return new GridRunner(new GridOptions(dir, threads).directFile().withSpark(spark), progress);
    }
}
