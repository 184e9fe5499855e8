package io.dualnet.cli;

import io.dualnet.data.InvalidInputException;
import io.dualnet.experiment.VggBudget;
import io.dualnet.experiment.ZhangVggOptions;
import io.dualnet.report.ReportOptions;
import io.dualnet.report.ReportRunner;
import io.dualnet.report.ReportSummary;
import io.dualnet.report.ZhangVggModule;
import io.dualnet.report.ZhangVggSection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code dualnet repro zhang-vgg}: Zhang et al. Appendix A.1 (Figure 5) as a grid of seeded cells (branches x widths
 * x budgets), run by the optional {@code vgg} module (found with {@link ZhangVggModule#find()}). Writes the
 * Figure-5-style plot, the configuration table (accuracy beside parameter count), per-epoch curves and
 * {@code index.html} into {@code --out}; finished cells are reused.
 */
@Command(name = "zhang-vgg", mixinStandardHelpOptions = true,
        description = {"Zhang et al. A.1 / Figure 5: test accuracy of averaged VGG-9 branches against the number of "
                + "branches (needs the optional vgg module).",
            "Data: CIFAR-10 binary files from --cifar10 DIR, else Fashion-MNIST (Debian dataset-fashion-mnist) "
                + "padded to 32x32."})
public final class ZhangVggCommand implements Callable<Integer> {

    @ParentCommand
    private ReproCommand parent;

    @Option(names = "--branches", paramLabel = "I,...", defaultValue = "1,2,4,8,16,32",
            description = "Branch counts (default: ${DEFAULT-VALUE}).")
    private String branches;

    @Option(names = "--width", paramLabel = "W,...", defaultValue = "16,32",
            description = "Widths w of Table 2 (default: ${DEFAULT-VALUE}).")
    private String widths;

    @Option(names = "--budget", paramLabel = "B,...", defaultValue = "branch",
            description = "branch: every branch has width w (the paper's Figure 5); total: branch width "
                    + "round(w/sqrt(I)), parameters matched to one width-w network; both: branch,total "
                    + "(default: ${DEFAULT-VALUE}).")
    private String budgets;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "10", description = "Epochs per cell (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "5000",
            description = "Training images, the first N of the training set (default: ${DEFAULT-VALUE}).")
    private int samples;

    @Option(names = "--test-samples", paramLabel = "M", defaultValue = "2000",
            description = "Test images, the first M of the test set (default: ${DEFAULT-VALUE}).")
    private int testSamples;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "128", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "0.05", description = "Initial learning rate (default: ${DEFAULT-VALUE}).")
    private double lr;

    @Option(names = "--momentum", paramLabel = "MU", defaultValue = "0.9", description = "Nesterov momentum (default: ${DEFAULT-VALUE}).")
    private double momentum;

    @Option(names = "--weight-decay", paramLabel = "WD", defaultValue = "5e-4", description = "Weight decay (default: ${DEFAULT-VALUE}).")
    private double weightDecay;

    @Option(names = "--milestones", paramLabel = "F,...", split = ",", defaultValue = "0.5,0.75,0.9166667",
            description = "MultiStep milestones as fractions of the epochs (default: the authors' 150,225,275 of 300).")
    private List<Double> milestones;

    @Option(names = "--gamma", paramLabel = "G", defaultValue = "0.1", description = "Learning-rate factor at a milestone (default: ${DEFAULT-VALUE}).")
    private double gamma;

    @Option(names = "--no-augment", description = "No random crop / flip of the training images.")
    private boolean noAugment;

    @Option(names = "--cifar10", paramLabel = "DIR",
            description = "Folder of the CIFAR-10 binary files (data_batch_1..5.bin, test_batch.bin); "
                    + "without it Fashion-MNIST is used.")
    private Path cifar10;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: repro/zhang-vgg).")
    private Path outDir;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1",
            description = "Intra-op threads of the engine (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--quick", description = "The report's small grid (widths 4,8; I = 1,2,4; both budgets; 3 epochs on "
            + "512 images), ignoring the grid and training flags except --cifar10, --seed and --threads.")
    private boolean quick;

    @Option(names = "--json", description = "Print a JSON summary instead of the path of index.html.")
    private boolean json;

    @Mixin
    private QuietOption progress;

    @Override
    public Integer call() {
        OptionLimits.threads(threads);
        ZhangVggOptions options = new ZhangVggOptions(integers("--branches", branches), integers("--width", widths),
                budgets(budgets), epochs, samples, testSamples, batchSize, lr, momentum, weightDecay, milestones,
                gamma, !noAugment, cifar10, seed, threads);
        if (quick) {
            ZhangVggOptions q = ZhangVggOptions.defaults(true, seed, threads);
            options = new ZhangVggOptions(q.branches(), q.widths(), q.budgets(), q.epochs(), q.samples(),
                    q.testSamples(), q.batchSize(), q.learningRate(), q.momentum(), q.weightDecay(), q.milestones(),
                    q.gamma(), q.augment(), cifar10, seed, threads);
        }
        Path dir = outDir != null ? outDir : Path.of("repro", "zhang-vgg");
        ReportRunner.checkOutput(dir, List.of(new ZhangVggSection(options)));
        if (cifar10 != null) {
            List<String> files = new ArrayList<>(ZhangVggModule.CIFAR10_TRAIN_FILES);
            files.add(ZhangVggModule.CIFAR10_TEST_FILE);
            for (String name : files) {
                if (!Files.isRegularFile(cifar10.resolve(name))) {
                    throw new InvalidInputException("--cifar10", cifar10, "a folder holding the CIFAR-10 binary "
                            + "files data_batch_1.bin .. data_batch_5.bin and test_batch.bin (" + name + " is missing)");
                }
            }
        }
        ZhangVggModule module = ZhangVggModule.find()
                .orElseThrow(() -> new InvalidInputException("repro zhang-vgg", "vgg module", ZhangVggModule.BUILD_HINT));
        module.validate(options);
        ReportOptions report = new ReportOptions(dir, seed, false, 1, List.of("zhang-vgg"));
        ReportSummary summary = new ReportRunner(report, Progress.sink(parent.err(), progress.quiet))
                .run(List.of(new ZhangVggSection(options)));
        if (json) {
            JsonOutput.object().put("experiment", "zhang-vgg").put("report", summary.index())
                    .put("failed", summary.failed()).write(parent.out());
        } else {
            printConfigurations(dir.resolve("zhang-vgg").resolve("configurations.csv"));
            parent.out().println(summary.index());
        }
        return summary.failed().isEmpty() ? Main.OK : Main.INTERNAL_ERROR;
    }

    /** Prints the configuration table (parameter count beside accuracy) as aligned columns, when it was written. */
    private void printConfigurations(Path csv) {
        if (!Files.isRegularFile(csv)) {
            return;
        }
        try {
            List<String[]> rows = new ArrayList<>();
            try (var reader = Files.newBufferedReader(csv)) {
                for (org.apache.commons.csv.CSVRecord r : org.apache.commons.csv.CSVFormat.DEFAULT.parse(reader)) {
                    rows.add(r.values());
                }
            }
            int columns = rows.get(0).length;
            int[] widths = new int[columns];
            for (String[] r : rows) {
                for (int c = 0; c < Math.min(columns, r.length); c++) {
                    widths[c] = Math.max(widths[c], r[c].length());
                }
            }
            for (String[] r : rows) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < Math.min(columns, r.length); c++) {
                    line.append(String.format("%-" + (widths[c] + 2) + "s", r[c]));
                }
                parent.out().println(line.toString().stripTrailing());
            }
        } catch (java.io.IOException | RuntimeException e) {
            parent.err().println("dualnet: warning: could not print " + csv + ": " + e.getMessage());
        }
    }

    /** A comma-separated list of positive integers. */
    static List<Integer> integers(String flag, String text) {
        List<Integer> values = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String s = part.strip();
            int v;
            try {
                v = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(flag, text, "a comma-separated list of positive integers");
            }
            if (v < 1) {
                throw new InvalidInputException(flag, text, "a comma-separated list of positive integers");
            }
            values.add(v);
        }
        return values;
    }

    private static List<VggBudget> budgets(String text) {
        List<VggBudget> out = new ArrayList<>();
        for (String part : ("both".equals(text.strip()) ? "branch,total" : text).split(",", -1)) {
            VggBudget b = VggBudget.of(part.strip());
            if (b == null || out.contains(b)) {
                throw new InvalidInputException("--budget", text, "branch, total or both (branch,total)");
            }
            out.add(b);
        }
        return out;
    }
}
