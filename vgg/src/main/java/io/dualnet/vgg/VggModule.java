package io.dualnet.vgg;

import io.dualnet.data.FashionMnist;
import io.dualnet.data.InvalidInputException;
import io.dualnet.experiment.GridOptions;
import io.dualnet.experiment.GridRun;
import io.dualnet.experiment.GridRunner;
import io.dualnet.experiment.ProgressSink;
import io.dualnet.experiment.ZhangVggOptions;
import io.dualnet.report.ReportContext;
import io.dualnet.report.SectionResult;
import io.dualnet.report.ZhangVggModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The vgg module's implementation of {@link ZhangVggModule}, registered for {@link java.util.ServiceLoader}. */
public final class VggModule implements ZhangVggModule {
    /** Training images of Fashion-MNIST. */
    static final int FMNIST_TRAIN = 60_000;
    /** Test images of Fashion-MNIST. */
    static final int FMNIST_TEST = 10_000;

    @Override
    public void validate(ZhangVggOptions o) {
        int train;
        int test;
        if (o.cifar10() != null) {
            new Cifar10(o.cifar10());
            train = records(o.cifar10(), Cifar10.TRAIN_FILES.toArray(new String[0]));
            test = records(o.cifar10(), Cifar10.TEST_FILE);
        } else {
            if (!new FashionMnist().available()) {
                throw new InvalidInputException("--cifar10", null, "a CIFAR-10 folder, or the Debian package "
                        + FashionMnist.DEBIAN_PACKAGE + " installed for the Fashion-MNIST default");
            }
            train = FMNIST_TRAIN;
            test = FMNIST_TEST;
        }
        if (o.samples() > train) {
            throw new InvalidInputException("--samples", o.samples(), "at most the " + train + " training images of "
                    + o.dataset());
        }
        if (o.testSamples() > test) {
            throw new InvalidInputException("--test-samples", o.testSamples(), "at most the " + test
                    + " test images of " + o.dataset());
        }
        if (o.batchSize() > Math.min(o.samples(), train)) {
            throw new InvalidInputException("--batch-size", o.batchSize(), "at most the number of training images ("
                    + Math.min(o.samples(), train) + ")");
        }
    }

    @Override
    public SectionResult render(ZhangVggOptions options, ReportContext ctx) {
        validate(options);
        DjlEnvironment.configure(options.threads());
        long start = System.nanoTime();
        GridRunner runner = new GridRunner(new GridOptions(ctx.outDir().resolve("data"), 1), ProgressSink.none());
        GridRun<ZhangVggCell, ZhangVggResult> run = runner.run(ZhangVggExperiment.grid(options, ctx.progress()));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new ZhangVggReport(options, run, seconds).render(ctx);
    }

    private static int records(Path dir, String... files) {
        long n = 0;
        for (String f : files) {
            try {
                n += Files.size(dir.resolve(f)) / Cifar10.RECORD;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, n);
    }
}
