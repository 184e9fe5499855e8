package io.dualnet.vgg;

import io.dualnet.data.FashionMnist;
import io.dualnet.experiment.GridExperiment;
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
 * Zhang et al. A.1 as a grid experiment: one cell per (budget, width, branch count), each trained from its own
 * seed. Cells run one at a time (the engine uses the intra-op threads); a progress bar per cell counts its epochs.
 */
public final class ZhangVggExperiment implements GridExperiment<ZhangVggCell, ZhangVggResult> {
    private static final long serialVersionUID = 1L;
    private static final Object DATA_LOCK = new Object();
    private static String cachedKey;
    private static ImageSet[] cached;

    private final List<ZhangVggCell> cells;
    private final transient ProgressSink progress;

    /** The grid of {@code options}; {@code progress} gets one bar per cell (epochs), may be none. */
    public ZhangVggExperiment(ZhangVggOptions options, ProgressSink progress) {
        this.cells = cells(options);
        this.progress = progress;
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

    @Override
    public String id() {
        return "zhang-vgg";
    }

    @Override
    public List<ZhangVggCell> cells() {
        return cells;
    }

    @Override
    public String key(ZhangVggCell cell) {
        return cell.key();
    }

    @Override
    public ZhangVggResult run(ZhangVggCell cell) {
        ImageSet[] data = data(cell.cifar10(), cell.samples(), cell.testSamples());
        int index = cells.indexOf(cell) + 1;
        ProgressSink sink = progress == null ? ProgressSink.none() : progress;
        String task = String.format(Locale.ROOT, "zhang-vgg cell %d/%d %s, epoch", index, cells.size(), cell.label());
        try (ProgressTracker tracker = sink.start(task, cell.epochs());
             VggTraining training = new VggTraining(cell.architecture(), cell.seed())) {
            VggHistory h = training.train(data[0], data[1], cell.settings(), cell.seed() ^ 0x5DEECE66DL, tracker);
            return new ZhangVggResult(cell.dataset(), cell.budget(), cell.width(), cell.branchWidth(),
                    cell.branches(), training.parameterCount(), data[0].size(), data[1].size(), h.trainLoss(),
                    h.testAccuracy(), h.epochSeconds());
        }
    }

    @Override
    public Class<ZhangVggResult> resultType() {
        return ZhangVggResult.class;
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
