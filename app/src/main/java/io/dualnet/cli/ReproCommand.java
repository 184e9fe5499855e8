package io.dualnet.cli;

import io.dualnet.data.InvalidInputException;
import io.dualnet.experiment.GridEngines;
import io.dualnet.report.ReportOptions;
import io.dualnet.report.ReportRunner;
import io.dualnet.report.ReportSection;
import io.dualnet.report.ReportSections;
import io.dualnet.report.ReportSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code dualnet repro ID}: reproduces one table or figure group of the papers (one report section), writing its
 * PNG/SVG figures, CSV tables and a one-section {@code index.html} into {@code --out}.
 */
@Command(name = "repro", mixinStandardHelpOptions = true,
        subcommands = {ReproZhangTable1Command.class, ZhangVggCommand.class},
        description = {"Reproduce one experiment of the papers (e.g. zhang-a2: Figure 6 and Table 3 of Zhang et al.).",
            "Writes figures (PNG, SVG), tables (CSV) and index.html; finished grid cells are reused (resume)."})
public final class ReproCommand extends DualnetSubcommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Experiment id: ${COMPLETION-CANDIDATES}",
            completionCandidates = ReproIds.class)
    private String id;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: repro/ID).")
    private Path outDir;

    @Option(names = "--quick", description = "Small grids (tests, CI).")
    private boolean quick;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: number of cores).")
    private Integer threads;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = {"Run the grid cells on Apache Spark (module dualnet-spark): a master URL such as local[2] "
                + "or spark://host:7077, or 'submit' under spark-submit. Default: local threads."})
    private String spark;

    @Option(names = "--json", description = "Print a JSON summary instead of the path of index.html.")
    private boolean json;

    @Mixin
    private QuietOption progress;

    @Override
    public Integer call() {
        List<String> ids = ReportSections.all().stream().map(ReportSection::id).collect(Collectors.toList());
        if (id == null || !ids.contains(id) || "environment".equals(id)) {
            throw new InvalidInputException("ID", id, "one of " + String.join(", ", new ReproIds()));
        }
        Path dir = outDir != null ? outDir : Path.of("repro", id);
        ReportRunner.checkOutput(dir, ReportSections.select(List.of(id)));
        ReportOptions options = new ReportOptions(dir, seed, quick,
                threads == null ? Runtime.getRuntime().availableProcessors() : threads, List.of(id), spark, false);
        GridEngines.requireAvailable(spark);
        ReportSummary summary = new ReportRunner(options, Progress.sink(err(), progress.quiet))
                .run(ReportSections.select(List.of(id)));
        if (json) {
            JsonOutput.object().put("experiment", id).put("report", summary.index()).put("failed", summary.failed())
                    .write(out());
        } else {
            out().println(summary.index());
        }
        return summary.failed().isEmpty() ? Main.OK : Main.INTERNAL_ERROR;
    }

    /** The reproducible experiment ids (report sections other than the environment). */
    static final class ReproIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ReportSections.all().stream().map(ReportSection::id).filter(s -> !"environment".equals(s))
                    .iterator();
        }
    }
}
