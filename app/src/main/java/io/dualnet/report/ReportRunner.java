package io.dualnet.report;

import io.dualnet.data.InvalidInputException;
import io.dualnet.data.OutputSet;
import io.dualnet.experiment.ProgressSink;
import io.dualnet.experiment.ProgressTracker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders report sections one after another, isolating failures: a section that throws is recorded as failed
 * (its error shown, its claims {@link Outcome#NOT_CHECKED}) and the others still run. Then writes the HTML report.
 */
public final class ReportRunner {

    private final ReportOptions options;
    private final ProgressSink progress;

    /**
     * @param options where to write, seed, size, threads
     * @param progress progress sink for the bar over sections and for the sections' own loops
     */
    public ReportRunner(ReportOptions options, ProgressSink progress) {
        if (options == null) {
            throw new io.dualnet.data.InvalidInputException("options", null, "report options");
        }
        if (progress == null) {
            throw new io.dualnet.data.InvalidInputException("progress", null, "a progress sink");
        }
        this.options = options;
        this.progress = progress;
    }

    /**
     * Checks, before any section runs, that {@code dir} can take the report of {@code sections}, so that a long run
     * cannot fail at its end: {@code dir} is a writable directory or can be created ({@link OutputSet#prepare}),
     * {@code index.html} is not taken by a directory, and neither the folder of a section nor {@code data} (the
     * resume cache of finished grid cells, filled as cells finish) is taken by a file.
     *
     * @throws InvalidInputException naming {@code --out}, the path and what is wrong
     */
    public static void checkOutput(Path dir, List<ReportSection> sections) {
        OutputSet.prepare(dir, "--out", HtmlReport.INDEX).close();
        List<String> folders = new ArrayList<>();
        folders.add("data");
        sections.forEach(s -> folders.add(s.id()));
        for (String folder : folders) {
            Path p = dir.resolve(folder);
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new InvalidInputException("--out", dir, "a directory whose entry '" + folder
                        + "' can be a folder of the report (a file of that name is in the way)");
            }
        }
    }

    /**
     * Renders {@code sections} and writes {@code index.html}.
     *
     * @throws io.dualnet.data.InvalidInputException when two sections share an id
     */
    public ReportSummary run(List<ReportSection> sections) {
        Set<String> ids = new HashSet<>();
        for (ReportSection s : sections) {
            if (!ids.add(Names.requireSectionId("section id", s.id()))) {
                throw new io.dualnet.data.InvalidInputException("section id", s.id(), "unique section ids");
            }
        }
        List<SectionOutcome> outcomes = new ArrayList<>();
        try (ProgressTracker tracker = progress.start("report", sections.size())) {
            for (ReportSection section : sections) {
                outcomes.add(render(section));
                tracker.step();
            }
        }
        Path index = new HtmlReport(options).write(outcomes);

        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0);
        }
        List<String> failed = new ArrayList<>();
        for (SectionOutcome o : outcomes) {
            o.result().verdicts().forEach(v -> counts.merge(v.outcome(), 1, Integer::sum));
            if (o.failed()) {
                failed.add(o.id());
            }
        }
        return new ReportSummary(index, outcomes.size(), counts, failed);
    }

    /** Renders one section; never throws (except for fatal JVM errors). */
    SectionOutcome render(ReportSection section) {
        long start = System.nanoTime();
        String title = section.id();
        try {
            title = section.title();
            ReportContext ctx = new ReportContext(options.outDir(), section.id(), options.seed(), options.quick(),
                    options.threads(), progress, options.spark(), options.full());
            SectionResult result = section.render(ctx);
            if (result == null) {
                throw new IllegalStateException("render returned null");
            }
            return new SectionOutcome(section.id(), title, result, null, seconds(start));
        } catch (Exception | AssertionError | StackOverflowError | LinkageError e) {
            String error = describe(e);
            SectionResult failed = new SectionResult().verdict(
                    "All claims of section '" + title + "'", Outcome.NOT_CHECKED, "the section failed: " + error);
            return new SectionOutcome(section.id(), title, failed, error, seconds(start));
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return (e.getClass().getSimpleName() + (message == null ? "" : ": " + message)).strip();
    }
}
