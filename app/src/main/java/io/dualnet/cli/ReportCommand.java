package io.dualnet.cli;

import io.dualnet.data.InvalidInputException;
import io.dualnet.experiment.GridEngines;
import io.dualnet.report.Outcome;
import io.dualnet.report.ReportOptions;
import io.dualnet.report.ReportRunner;
import io.dualnet.report.ReportSection;
import io.dualnet.report.ReportSections;
import io.dualnet.report.ReportSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dualnet report}: runs the registered report sections ({@link ReportSections}) and writes the HTML
 * reproduction report. Exits 1 when a section failed (the report is still written).
 */
@Command(name = "report", mixinStandardHelpOptions = true, version = "dualnet 0.1.0",
        description = "Run the reproduction experiments and write the HTML report.")
public final class ReportCommand extends DualnetSubcommand {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "report",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    private Path outDir;

    @Option(names = "--quick", description = "Small grids (tests, CI): minutes instead of hours.")
    private boolean quick;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Master seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--full", description = "Papers' full scale where a section offers it (e.g. zhang-table1: "
            + "100 seeds x 100000 SGD steps per width and protocol).")
    private boolean full;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: number of cores).")
    private Integer threads;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = {"Run the grid cells on Apache Spark (module dualnet-spark): a master URL such as local[2] "
                + "or spark://host:7077, or 'submit' under spark-submit. Default: local threads."})
    private String spark;

    @Option(names = "--only", paramLabel = "ID", split = ",",
            description = "Run only these sections (comma-separated ids).")
    private List<String> only;

    @Option(names = "--json", description = "Print a JSON summary on standard output instead of the path.")
    private boolean json;

    @Mixin
    private QuietOption progress;

    @Override
    public Integer call() {
        ReportOptions options = new ReportOptions(outDir, seed, quick,
                threads == null ? Runtime.getRuntime().availableProcessors() : threads,
                only == null ? List.of() : only, spark, full);
        GridEngines.requireAvailable(spark);
        List<ReportSection> sections = ReportSections.select(options.only());
        ReportRunner.checkOutput(outDir, sections);
        ReportSummary summary = new ReportRunner(options, Progress.sink(err(), progress.quiet)).run(sections);

        if (json) {
            Map<String, Integer> verdicts = new LinkedHashMap<>();
            for (Map.Entry<Outcome, Integer> e : summary.verdicts().entrySet()) {
                verdicts.put(e.getKey().name(), e.getValue());
            }
            JsonOutput.object()
                    .put("report", summary.index())
                    .put("sections", summary.sections())
                    .put("verdicts", verdicts)
                    .put("failed", summary.failed())
                    .write(out());
        } else {
            out().println(summary.index());
        }
        if (!summary.failed().isEmpty()) {
            err().println("dualnet: error: " + summary.failed().size() + " of " + summary.sections()
                    + " report sections failed: " + String.join(", ", summary.failed()) + " (see "
                    + summary.index() + ")");
            return Main.INTERNAL_ERROR;
        }
        return Main.OK;
    }
}
