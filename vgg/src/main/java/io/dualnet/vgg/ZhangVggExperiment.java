package io.dualnet.vgg;

import io.dualnet.data.FashionMnist;
import io.dualnet.experiment.CellFunction;
import io.dualnet.experiment.Grid;
import io.dualnet.experiment.ProgressSink;
import io.dualnet.experiment.ProgressTracker;
import io.dualnet.experiment.VggBudget;
import io.dualnet.experiment.ZhangVggOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Zhang et al. A.1 as a {@link Grid}: one cell per (budget, width, branch count), each trained from its own seed.
 * Cells run one at a time (the engine uses the intra-op threads); a progress bar per cell counts its epochs.
 */
public final class ZhangVggExperiment {
    private static final Object DATA_LOCK = new Object();
    private static String cachedKey;
    private static ImageSet[] cached;

    private ZhangVggExperiment() {
    }

    /** The grid of {@code options}; {@code progress} gets one bar per cell (epochs), may be none. */
    public static Grid<ZhangVggCell, ZhangVggResult> grid(ZhangVggOptions options, ProgressSink progress) {
        List<ZhangVggCell> cells = cells(options);
        return Grid.of("zhang-vgg", cells, new Train(cells, progress), ZhangVggResult.class);
    }

    /** The cells of {@code options}: budgets x widths x branch counts, seeds derived from the master seed. */
    public static List<ZhangVggCell> cells(ZhangVggOptions o) {
        List<ZhangVggCell> out = new ArrayList<>();
        double[] milestones = o.milestones().stream().mapToDouble(Double::doubleValue).toArray();
        String cifar = o.cifar10() == null ? null : o.cifar10().toAbsolutePath().normalize().toString();
        for (VggBudget budget : o.budgets()) {
            for (int w : o.widths()) {
                for (int i : o.branches()) {
                    long seed = new SplittableRandom(o.seed() * 1_000_003L + budget.ordinal() * 7919L + w * 131L + i)
                            .nextLong();
                    out.add(new ZhangVggCell(cifar, budget.label(), w, budget.branchWidth(w, i), i, o.samples(),
                            o.testSamples(), o.epochs(), o.batchSize(), o.learningRate(), o.momentum(),
                            o.weightDecay(), milestones, o.gamma(), o.augment(), seed));
                }
            }
        }
        return out;
    }

    /** Trains one cell; {@code progress} (may be null) is stepped once per epoch. */
    public static ZhangVggResult run(ZhangVggCell cell, ProgressTracker progress) {
        ImageSet[] data = data(cell.cifar10(), cell.samples(), cell.testSamples());
        try (VggTraining training = new VggTraining(cell.architecture(), cell.seed())) {
            VggHistory h = training.train(data[0], data[1], cell.settings(), cell.seed() ^ 0x5DEECE66DL, progress);
            return new ZhangVggResult(cell.dataset(), cell.budget(), cell.width(), cell.branchWidth(),
                    cell.branches(), training.parameterCount(), data[0].size(), data[1].size(), h.trainLoss(),
                    h.testAccuracy(), h.epochSeconds());
        }
    }

    /**
     * The cell function: {@link #run} with a progress bar per cell ("cell k/n ..., epoch"). Serializable; the
     * progress sink is not shipped (an engine running the cells elsewhere shows no epoch bars).
     */
    private static final class Train implements CellFunction<ZhangVggCell, ZhangVggResult> {
        private static final long serialVersionUID = 1L;
        private final List<ZhangVggCell> cells;
        private final transient ProgressSink progress;

        Train(List<ZhangVggCell> cells, ProgressSink progress) {
            this.cells = List.copyOf(cells);
            this.progress = progress;
        }

        @Override
        public ZhangVggResult apply(ZhangVggCell cell) {
            ProgressSink sink = progress == null ? ProgressSink.none() : progress;
            String task = String.format(Locale.ROOT, "zhang-vgg cell %d/%d %s, epoch", cells.indexOf(cell) + 1,
                    cells.size(), cell.label());
            try (ProgressTracker tracker = sink.start(task, cell.epochs())) {
                return run(cell, tracker);
            }
        }
    }

    /** Training and test images (cached for consecutive cells on the same data). */
    static ImageSet[] data(String cifar10, int samples, int testSamples) {
        String key = cifar10 + "|" + samples + "|" + testSamples;
        synchronized (DATA_LOCK) {
            if (!key.equals(cachedKey)) {
                if (cifar10 == null) {
                    FashionMnist32 f = new FashionMnist32();
                    cached = new ImageSet[] {f.read(FashionMnist.Split.TRAIN, samples),
                        f.read(FashionMnist.Split.TEST, testSamples)};
                } else {
                    Cifar10 c = new Cifar10(Path.of(cifar10));
                    cached = new ImageSet[] {c.train(samples), c.test(testSamples)};
                }
                cachedKey = key;
            }
            return cached;
        }
    }
}
