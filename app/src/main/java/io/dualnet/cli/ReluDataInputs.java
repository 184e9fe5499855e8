package io.dualnet.cli;

import io.dualnet.data.FashionMnist;
import io.dualnet.data.InputLimits;
import io.dualnet.data.InvalidInputException;
import io.dualnet.data.LabeledData;
import io.dualnet.data.LibsvmReader;
import io.dualnet.data.MatrixFiles;
import io.dualnet.data.PlantedRelu;
import io.dualnet.data.Standardizer;
import io.dualnet.data.TrainTestSplit;
import io.dualnet.loss.Loss;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Data options of the {@code dualnet relu2} commands: a scalar-target data set from {@code --x}/{@code --y} files,
 * a LIBSVM file, the Fashion-MNIST Debian package, or a built-in planted teacher; an optional test split and
 * standardisation (fitted on the training part only).
 */
public final class ReluDataInputs {

    @Option(names = "--x", paramLabel = "FILE", description = "Inputs X (n x d), CSV or .npy, one sample per row.")
    Path xFile;

    @Option(names = "--y", paramLabel = "FILE",
            description = "Targets y (n values: an n x 1 or 1 x n CSV or .npy); +-1 labels for logistic and hinge.")
    Path yFile;

    @Option(names = "--libsvm", paramLabel = "FILE", description = "A LIBSVM file (label idx:val ...) instead of --x/--y.")
    Path libsvm;

    @Mixin
    FashionOptions fashion;

    @Option(names = "--generate", paramLabel = "NAME",
            description = "Built-in data instead of files: teacher (x ~ N(0, I_d), y from a planted ReLU teacher with "
                    + "3 neurons; +-1 labels for classification losses).")
    String generate;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "0",
            description = "Training samples: the first N of the data (0 = all); for --generate the count "
                    + "(0 = 100).")
    int samples;

    @Option(names = "--dim", paramLabel = "D", defaultValue = "5", description = "Input dimension for --generate (default ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0",
            description = "Hold out this share of the samples for testing (seeded; 0 = none, except "
                    + "--dataset, which tests on its own test split).")
    double testFraction;

    @Option(names = "--standardize", description = "Standardise every feature (mean 0, std 1) with statistics of the training part.")
    boolean standardize;

    @Option(names = "--data-seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of --generate and of the test split (default ${DEFAULT-VALUE}).")
    long dataSeed;

    /**
     * The loaded data: a training part, an optional validation part (held out of the training data), an optional
     * test part, a description of the source, and the standardizer fitted on the training part alone and applied to
     * all three ({@code null} without {@code --standardize}).
     */
    record Loaded(LabeledData train, LabeledData validation, LabeledData test, String source,
                  Standardizer standardizer) {
    }

    /** The library's names of the data ({@code x}, {@code y[i]}, {@code testFraction}) mapped to the flags. */
    Map<String, String> flags() {
        String other = libsvm != null ? "--libsvm" : fashion.given() ? "--dataset" : "--generate";
        return Map.of("x", xFile != null ? "--x" : other, "y", yFile != null ? "--y" : other,
                "testFraction", "--test-fraction");
    }

    /** Loads the data for {@code loss} (its labels are validated by the problem built from it). */
    Loaded load(Loss loss) {
        return load(loss, 0, 0);
    }

    /**
     * Loads the data for {@code loss} and holds out the share {@code validationFraction} of the training samples
     * (seeded by {@code validationSeed}) as a validation part, before any standardisation, so that its statistics
     * come from the remaining training samples only.
     *
     * @param validationFraction share in {@code (0, 1)} named {@code --validation-fraction}, or 0 for none
     * @throws InvalidInputException naming {@code --validation-fraction} when it leaves no sample on either side
     */
    Loaded load(Loss loss, double validationFraction, long validationSeed) {
        InvalidInputException.requireAtLeast("--samples", samples, 0);
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new InvalidInputException("--test-fraction", testFraction, "a number in [0, 1)");
        }
        DataSources.of().offer("--x/--y", xFile != null || yFile != null).offer("--libsvm", libsvm != null)
                .offer("--dataset", fashion.given()).offer("--generate", generate != null).requireOne();
        DataSources.requirePair("--x", xFile, "--y", yFile);
        // --classes is validated even when only --dataset uses it
        fashion.validate();
        LabeledData train;
        LabeledData test = null;
        String source;
        if (fashion.given()) {
            train = fashion.load(FashionMnist.Split.TRAIN, samples);
            test = fashion.load(FashionMnist.Split.TEST, 0);
            source = fashion.describe();
        } else {
            LabeledData all;
            if (generate != null) {
                if (!"teacher".equals(generate.toLowerCase(Locale.ROOT))) {
                    throw new InvalidInputException("--generate", generate, "teacher");
                }
                InvalidInputException.requireAtLeast("--dim", dim, 1);
                int n = samples == 0 ? 100 : samples;
                InputLimits.requireAllocatable("--samples", null, n + " samples of --dim " + dim, (long) n * dim);
                all = PlantedRelu.generate(n, dim, 3, 0.1, loss.classification(), dataSeed);
                source = "planted ReLU teacher n=" + n + " d=" + dim + " seed=" + dataSeed;
            } else if (libsvm != null) {
                all = LibsvmReader.read(libsvm, "--libsvm");
                source = libsvm.toString();
            } else {
                DMatrixRMaj x = MatrixFiles.readData(xFile, "--x");
                double[] y = MatrixFiles.readVector(yFile, "--y");
                if (y.length != x.numRows) {
                    throw new InvalidInputException("--y", y.length + " values",
                            "one per sample (row) of --x, which has " + x.numRows);
                }
                all = new LabeledData(x, y);
                source = xFile + ", " + yFile;
            }
            if (generate == null && samples > 0 && samples < all.samples()) {
                int[] first = new int[samples];
                for (int i = 0; i < samples; i++) {
                    first[i] = i;
                }
                all = all.rows(first);
            }
            if (testFraction > 0) {
                LabeledData data = all;
                TrainTestSplit split = FlagNames.named(flags(), () -> TrainTestSplit.of(data, testFraction, dataSeed));
                train = split.train();
                test = split.test();
            } else {
                train = all;
            }
        }
        LabeledData validation = null;
        if (validationFraction > 0) {
            LabeledData all = train;
            TrainTestSplit split = FlagNames.named(Map.of("testFraction", "--validation-fraction"),
                    () -> TrainTestSplit.of(all, validationFraction, validationSeed));
            train = split.train();
            validation = split.test();
        }
        Standardizer s = null;
        if (standardize) {
            s = Standardizer.fit(train.x());
            train = s.apply(train);
            validation = validation == null ? null : s.apply(validation);
            test = test == null ? null : s.apply(test);
        }
        return new Loaded(train, validation, test, source, s);
    }
}
