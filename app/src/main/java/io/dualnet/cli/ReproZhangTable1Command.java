package io.dualnet.cli;

import io.dualnet.data.InvalidInputException;
import io.dualnet.experiment.ZhangTable1;
import io.dualnet.experiment.ZhangTable1Result;
import io.dualnet.experiment.ZhangTable1Runner;
import io.dualnet.experiment.ZhangTable1Setup;
import io.dualnet.experiment.CellStore;
import io.dualnet.teacher.SgdProtocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;

/**
 * {@code dualnet repro zhang-table1}: the runs behind Table 1 of Zhang et al. (SGD hit rate of the global minimum
 * against the width) under an explicit protocol, written to {@code DIR/cells.jsonl} (one line per finished run; a
 * rerun with the same folder resumes). Prints the hits per width beside the paper's.
 */
@Command(name = "zhang-table1", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Table 1 of Zhang et al.: SGD runs per (width, seed) on the synthetic teacher problem; a hit is",
            "a final full-data loss within --tolerance of the global minimum. Writes DIR/cells.jsonl (resumes)."})
public final class ReproZhangTable1Command implements Callable<Integer> {

    @ParentCommand
    private ReproCommand parent;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder of cells.jsonl.")
    private Path out;

    @Option(names = "--widths", paramLabel = "W", split = ",",
            description = "Student widths (default: 10..21, the paper's).")
    private List<Integer> widths;

    @Option(names = "--seeds", paramLabel = "S", description = "Seeds 0..S-1 per width (default 100; --quick: 8).")
    private Integer seeds;

    @Option(names = "--iterations", paramLabel = "T",
            description = "SGD steps per run (default 100000; --quick: 3000).")
    private Integer iterations;

    @Option(names = "--quick", description = "CI-sized defaults: 8 seeds, 3000 iterations.")
    private boolean quick;

    @Option(names = "--protocol", paramLabel = "NAME", defaultValue = "plain",
            description = "Named protocol whose values the options below override: plain, authors, authors-mean, "
                    + "squared, squared-small-init (default: ${DEFAULT-VALUE}).")
    private String protocol;

    @Option(names = "--loss", paramLabel = "L", description = "hinge or squared.")
    private String loss;

    @Option(names = "--tau", paramLabel = "T", description = "The hinge's tau.")
    private Double tau;

    @Option(names = "--labels", paramLabel = "Y", description = "sign (sign f*(x)) or teacher (f*(x)).")
    private String labels;

    @Option(names = "--lr", paramLabel = "ETA", description = "Initial step size.")
    private Double lr;

    @Option(names = "--batch", paramLabel = "B", description = "Mini-batch size.")
    private Integer batch;

    @Option(names = "--init", paramLabel = "I",
            description = "pytorch (uniform +-scale/sqrt(fan_in), biases too) or normal (N(0, scale^2/fan_in)).")
    private String init;

    @Option(names = "--init-scale", paramLabel = "S", description = "Factor on the initialization's scale.")
    private Double initScale;

    @Option(names = "--bias", negatable = true, description = "Student biases (default: on; --no-bias).")
    private Boolean bias;

    @Option(names = "--output", paramLabel = "O", description = "sum or mean (f / I, the authors' code) over units.")
    private String output;

    @Option(names = "--schedule", paramLabel = "R",
            description = "constant, or authors (x0.1 when a batch loss rises; 4th rise or batch loss < 1e-5 stops).")
    private String schedule;

    @Option(names = "--check-every", paramLabel = "K", description = "Full-data loss every K steps (default 100).")
    private Integer checkEvery;

    @Option(names = "--tolerance", paramLabel = "EPS", description = "Hit tolerance (default 1e-5).")
    private Double tolerance;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "1000", description = "Data points (default 1000).")
    private int samples;

    @Option(names = "--dimension", paramLabel = "D", defaultValue = "10", description = "Input dimension (default 10).")
    private int dimension;

    @Option(names = "--teacher", paramLabel = "K", defaultValue = "11", description = "Teacher units (default 11).")
    private int teacher;

    @Option(names = "--data-seed", paramLabel = "S", defaultValue = "0", description = "Data seed (default 0).")
    private long dataSeed;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: number of cores).")
    private Integer threads;

    @Option(names = "--json", description = "Print a JSON summary.")
    private boolean json;

    @Mixin
    private QuietOption progress;

    /** The protocol's parameter names and the flags that set them, for messages naming the flag. */
    private static final Map<String, String> PROTOCOL_FLAGS = Map.of("tau", "--tau", "learningRate", "--lr",
            "batch", "--batch", "initScale", "--init-scale", "iterations", "--iterations", "checkEvery",
            "--check-every", "tolerance", "--tolerance");

    @Override
    public Integer call() {
        SgdProtocol base = ZhangTable1.protocol(protocol);
        int t = iterations != null ? iterations : quick ? 3000 : ZhangTable1.PAPER_ITERATIONS;
        SgdProtocol p = FlagNames.named(PROTOCOL_FLAGS, () -> new SgdProtocol(
                loss == null ? base.loss() : parse("--loss", loss, SgdProtocol.Loss.class),
                tau == null ? base.tau() : tau,
                labels == null ? base.labels() : parse("--labels", labels, SgdProtocol.Labels.class),
                lr == null ? base.learningRate() : lr,
                batch == null ? base.batch() : batch,
                init == null ? base.init() : parse("--init", init, SgdProtocol.Init.class),
                initScale == null ? base.initScale() : initScale,
                bias == null ? base.bias() : bias,
                output == null ? base.outputScale() : parse("--output", output, SgdProtocol.OutputScale.class),
                schedule == null ? base.schedule() : parse("--schedule", schedule, SgdProtocol.Schedule.class),
                t, checkEvery == null ? base.checkEvery() : checkEvery,
                tolerance == null ? base.tolerance() : tolerance));
        if (loss != null && labels == null && p.loss() == SgdProtocol.Loss.HINGE) {
            p = withLabels(p, SgdProtocol.Labels.SIGN);
        }
        ZhangTable1Setup setup = new ZhangTable1Setup(samples, dimension, teacher, dataSeed, p);
        int[] ws = widths == null ? ZhangTable1.PAPER_WIDTHS : widths.stream().mapToInt(Integer::intValue).toArray();
        for (int w : ws) {
            InvalidInputException.requireAtLeast("--widths", w, 1);
        }
        int s = seeds != null ? seeds : quick ? 8 : ZhangTable1.PAPER_SEEDS;
        InvalidInputException.requireAtLeast("--seeds", s, 1);
        int th = OptionLimits.threads(threads);
        Path file = out.resolve(CellStore.FILE_NAME);

        ZhangTable1Runner.Outcome outcome = ZhangTable1Runner.run(setup, ws, LongStream.range(0, s).toArray(), file,
                th, Progress.sink(parent.err(), progress.quiet || json));
        ZhangTable1Result diverged = outcome.firstDiverged();
        if (diverged != null) {
            throw new InvalidInputException("--lr", p.learningRate(), String.format(Locale.ROOT,
                    "a step size at which SGD stays finite (cell width=%d seed=%d: the mini-batch loss was %s at "
                            + "step %d; finished cells are in %s)", diverged.width(), diverged.seed(),
                    diverged.loss(), diverged.steps(), file));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int w : ws) {
            int hits = 0;
            int count = 0;
            for (ZhangTable1Result r : outcome.results()) {
                if (r.width() == w) {
                    count++;
                    hits += r.hit() ? 1 : 0;
                }
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("width", w);
            row.put("seeds", count);
            row.put("hits", hits);
            row.put("hitRate", (double) hits / count);
            row.put("paperHitsPer100", ZhangTable1.paperHits(w));
            row.put("minimumKnownZero", p.minimumKnownZero(w, teacher));
            rows.add(row);
        }
        if (json) {
            JsonOutput.object()
                    .put("experiment", "zhang-table1")
                    .put("cells", file.toAbsolutePath().normalize().toString())
                    .put("setup", setup)
                    .put("fingerprint", setup.fingerprint())
                    .put("widths", rows)
                    .put("computed", outcome.results().size() - outcome.skipped())
                    .put("skipped", outcome.skipped())
                    .put("seconds", outcome.seconds())
                    .put("steps", outcome.steps())
                    .put("microsPerStep", outcome.microsPerStep())
                    .put("threads", outcome.threads())
                    .write(parent.out());
        } else {
            parent.out().println(String.format(Locale.ROOT, "zhang-table1: %s (%d runs computed, %d resumed, "
                            + "%.1f s, %.2f us per SGD step of one run with %d threads)", file,
                    outcome.results().size() - outcome.skipped(), outcome.skipped(), outcome.seconds(),
                    outcome.microsPerStep(), outcome.threads()));
            parent.out().println("width  hits/seeds  paper (per 100)");
            for (Map<String, Object> row : rows) {
                parent.out().println(String.format(Locale.ROOT, "%5d  %4d/%-5d  %d", row.get("width"),
                        row.get("hits"), row.get("seeds"), row.get("paperHitsPer100")));
            }
        }
        return Main.OK;
    }

    private static SgdProtocol withLabels(SgdProtocol p, SgdProtocol.Labels l) {
        return new SgdProtocol(p.loss(), p.tau(), l, p.learningRate(), p.batch(), p.init(), p.initScale(), p.bias(),
                p.outputScale(), p.schedule(), p.iterations(), p.checkEvery(), p.tolerance());
    }

    private static <E extends Enum<E>> E parse(String flag, String value, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        throw new InvalidInputException(flag, value, "one of " + String.join(", ", names));
    }
}
