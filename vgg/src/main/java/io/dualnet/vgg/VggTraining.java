package io.dualnet.vgg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.dualnet.data.InvalidInputException;
import io.dualnet.experiment.ProgressTracker;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains one {@link VggArchitecture} with cross-entropy on the averaged logits by {@link NesterovSgd} under a
 * {@link MultiStepSchedule}, as the authors' {@code VGG.py} does (with its weight decay actually applied), and
 * evaluates test accuracy after every epoch (batch norm in inference mode, running statistics).
 */
public final class VggTraining implements AutoCloseable {
    /** Largest inference batch. */
    static final int MAX_EVAL_BATCH = 500;
    /**
     * Bytes of activations one image keeps alive per unit of branch width and per branch in a forward pass: Table 2
     * gives about 12 000 float32 values per unit of w (convolution, batch-norm and ReLU outputs of the seven
     * convolutions, the pools and the dense layers), and DJL frees a forward's intermediate arrays only when their
     * manager closes, i.e. after the whole batch.
     */
    static final long ACTIVATION_BYTES_PER_WIDTH = 48_000;
    /** Activation memory one inference batch may hold (a batch of 500 at I = 32, w = 32 would hold ~25 GB). */
    static final long EVAL_MEMORY_BYTES = 256L << 20;

    private final VggArchitecture architecture;
    private final NDManager manager;
    private final Block block;
    private final ParameterStore store;
    private final List<Parameter> trainable = new ArrayList<>();

    /** Builds the network from {@code seed} (see {@link MultiBranchVgg#build}). */
    public VggTraining(VggArchitecture architecture, long seed) {
        this.architecture = architecture;
        this.manager = DjlEnvironment.pytorch().newBaseManager();
        this.block = MultiBranchVgg.build(architecture, manager, seed);
        this.store = new ParameterStore(manager, false);
        block.getParameters().values().forEach(p -> {
            if (p.requiresGradient()) {
                trainable.add(p);
            }
        });
    }

    /** The network's block. */
    public Block block() {
        return block;
    }

    /** The trainable parameters, in block order. */
    public List<Parameter> trainable() {
        return List.copyOf(trainable);
    }

    /** Number of trainable scalars, counted from the block. */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : trainable) {
            n += p.getArray().getShape().size();
        }
        return n;
    }

    /**
     * Trains for {@code settings.epochs()} epochs.
     *
     * @param progress stepped once per epoch (may be null)
     * @return per-epoch training loss (mean over the epoch's mini-batches) and test accuracy
     */
    public VggHistory train(ImageSet train, ImageSet test, VggSettings settings, long seed,
                            ProgressTracker progress) {
        if (settings.batchSize() > train.size()) {
            throw new InvalidInputException("--batch-size", settings.batchSize(),
                    "at most the number of training images (" + train.size() + ")");
        }
        NesterovSgd sgd = new NesterovSgd(trainable, settings.momentum(), settings.weightDecay(), manager);
        MultiStepSchedule schedule = settings.schedule();
        SplittableRandom random = new SplittableRandom(seed);
        int b = settings.batchSize();
        int steps = train.size() / b; // the last partial batch is dropped, as DataLoader(drop_last=True)
        float[] x = new float[b * train.imageSize()];
        int[] y = new int[b];
        double[] losses = new double[settings.epochs()];
        double[] accuracies = new double[settings.epochs()];
        double[] seconds = new double[settings.epochs()];
        for (int e = 0; e < settings.epochs(); e++) {
            long start = System.nanoTime();
            double lr = schedule.rate(e);
            int[] order = Batches.permutation(train.size(), random);
            double sum = 0;
            for (int s = 0; s < steps; s++) {
                Batches.fill(train, order, s * b, b, settings.augment() ? random : null, x, y);
                sum += step(x, y, b, train.channels(), sgd, lr);
            }
            losses[e] = sum / steps;
            seconds[e] = (System.nanoTime() - start) / 1e9;
            accuracies[e] = accuracy(test);
            if (progress != null) {
                progress.step();
            }
        }
        return new VggHistory(losses, accuracies, seconds);
    }

    /** One SGD step on the given normalised batch; returns the batch's mean cross-entropy before the step. */
    public double step(float[] x, int[] y, int b, int channels, NesterovSgd sgd, double lr) {
        double loss;
        try (NDManager batch = manager.newSubManager()) {
            NDArray input = batch.create(x, new Shape(b, channels, VggArchitecture.SIDE, VggArchitecture.SIDE));
            NDArray labels = batch.create(y);
            try (GradientCollector gc = DjlEnvironment.pytorch().newGradientCollector()) {
                NDArray logits = block.forward(store, new NDList(input), true).singletonOrThrow();
                NDArray l = crossEntropy(logits, labels);
                gc.backward(l);
                loss = l.getFloat();
            }
        }
        sgd.step(lr);
        return loss;
    }

    /** Logits of {@code x} in inference mode, as a Java array {@code (b, 10)} row-major. */
    public float[] logits(float[] x, int b, int channels) {
        try (NDManager batch = manager.newSubManager()) {
            NDArray input = batch.create(x, new Shape(b, channels, VggArchitecture.SIDE, VggArchitecture.SIDE));
            return block.forward(store, new NDList(input), false).singletonOrThrow().toFloatArray();
        }
    }

    /**
     * Images per inference batch: at most {@link #MAX_EVAL_BATCH}, and few enough that the batch's activations stay
     * within {@link #EVAL_MEMORY_BYTES} (per-image results do not depend on it: batch norm uses running statistics).
     */
    static int evalBatch(VggArchitecture architecture) {
        long perImage = ACTIVATION_BYTES_PER_WIDTH * architecture.width() * architecture.branches();
        return (int) Math.max(1, Math.min(MAX_EVAL_BATCH, EVAL_MEMORY_BYTES / perImage));
    }

    /** Fraction of {@code test} classified correctly (inference mode). */
    public double accuracy(ImageSet test) {
        return accuracy(test, evalBatch(architecture));
    }

    /** {@link #accuracy(ImageSet)} with {@code evalBatch} images per forward pass. */
    double accuracy(ImageSet test, int evalBatch) {
        int[] order = new int[test.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int correct = 0;
        float[] x = new float[evalBatch * test.imageSize()];
        int[] y = new int[evalBatch];
        for (int from = 0; from < test.size(); from += evalBatch) {
            int n = Math.min(evalBatch, test.size() - from);
            Batches.fill(test, order, from, n, null, x, y);
            float[] z = logits(n == evalBatch ? x : java.util.Arrays.copyOf(x, n * test.imageSize()), n,
                    test.channels());
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int k = 1; k < VggArchitecture.CLASSES; k++) {
                    if (z[i * VggArchitecture.CLASSES + k] > z[i * VggArchitecture.CLASSES + best]) {
                        best = k;
                    }
                }
                correct += best == y[i] ? 1 : 0;
            }
        }
        return correct / (double) test.size();
    }

    /** Mean cross-entropy of logits {@code (b, 10)} against integer labels. */
    static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray logp = logits.logSoftmax(1);
        NDArray oneHot = labels.oneHot(VggArchitecture.CLASSES);
        return logp.mul(oneHot).sum(new int[] {1}).mean().neg();
    }

    @Override
    public void close() {
        manager.close();
    }

    /** The architecture trained. */
    public VggArchitecture architecture() {
        return architecture;
    }
}
