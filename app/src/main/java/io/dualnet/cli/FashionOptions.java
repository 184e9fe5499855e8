package io.dualnet.cli;

import io.dualnet.data.FashionMnist;
import io.dualnet.data.InvalidInputException;
import io.dualnet.data.LabeledData;
import picocli.CommandLine.Option;

import java.util.Locale;

/**
 * {@code --dataset fashion-mnist} and {@code --classes A,B} of the {@code relu2} commands: two classes of the
 * Fashion-MNIST Debian package, labelled {@code -1} and {@code +1}. {@code fit}, {@code path} and {@code certify}
 * train on its training images and test on its t10k images; {@code predict} predicts on the t10k images.
 */
public final class FashionOptions {

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "fashion-mnist: two classes of Fashion-MNIST (Debian package dataset-fashion-mnist): its "
                    + "training images for training, its t10k images for testing (predict: for predicting).")
    String dataset;

    @Option(names = "--classes", paramLabel = "A,B", defaultValue = FashionMnist.DEFAULT_CLASS_A + ","
            + FashionMnist.DEFAULT_CLASS_B, split = ",",
            description = "Fashion-MNIST classes labelled -1 and +1 (default ${DEFAULT-VALUE}).")
    int[] classes;

    /** Whether {@code --dataset} was given. */
    boolean given() {
        return dataset != null;
    }

    /**
     * Checks {@code --classes} (always: Fashion-MNIST classes 0 to 9, two of them different) and, when given,
     * {@code --dataset} (fashion-mnist, with two classes).
     *
     * @throws InvalidInputException naming the flag
     */
    void validate() {
        for (int c : classes) {
            if (c < 0 || c > 9) {
                throw new InvalidInputException("--classes", c, "a Fashion-MNIST class 0 to 9");
            }
        }
        if (classes.length == 2 && classes[0] == classes[1]) {
            throw new InvalidInputException("--classes", classes[0] + "," + classes[1], "two different classes");
        }
        if (dataset != null) {
            if (!"fashion-mnist".equals(dataset.toLowerCase(Locale.ROOT))) {
                throw new InvalidInputException("--dataset", dataset, "fashion-mnist");
            }
            if (classes.length != 2) {
                throw new InvalidInputException("--classes", classes.length + " classes", "two classes A,B");
            }
        }
    }

    /** The first {@code samples} images of the two classes in {@code split} (0: all), after {@link #validate}. */
    LabeledData load(FashionMnist.Split split, int samples) {
        return new FashionMnist().binary(split, classes[0], classes[1], samples);
    }

    /** {@code fashion-mnist classes A vs B}. */
    String describe() {
        return "fashion-mnist classes " + classes[0] + " vs " + classes[1];
    }
}
