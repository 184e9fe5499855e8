package io.dualnet.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * The Fashion-MNIST data set (Xiao, Rasul and Vollgraf, 2017: 28&times;28 grey-scale images of clothing in 10
 * classes, 60000 for training and 10000 for testing, 6000 and 1000 per class) as installed by the Debian package
 * {@code dataset-fashion-mnist}: the four gzip-compressed IDX files
 * {@code {train,t10k}-{images-idx3,labels-idx1}-ubyte.gz} in {@link #DEFAULT_DIRECTORY}.
 *
 * <p>The directory can be changed with the constructor or the system property {@value #DIRECTORY_PROPERTY}. Images
 * come back as {@code n x 784} matrices (row-major pixels) scaled to {@code [0, 1]} (raw value / 255).
 *
 * <p><b>Two-class subsets.</b> {@link #binary} keeps the images of two classes, in file order, labelled {@code -1}
 * (class {@code a}) and {@code +1} (class {@code b}). The default pair is {@value #DEFAULT_CLASS_A}
 * ("T-shirt/top") against {@value #DEFAULT_CLASS_B} ("Shirt"), one of the pairs classifiers confuse most, so that
 * optimizers differ visibly: on the first 2000 training images of the pair (standardized, hinge loss,
 * {@code beta = 0.01}, bias), 300 Adam updates of a 50-neuron network reach 83% test accuracy on 0 against 6 but 98%
 * on 0 against 1 (T-shirt against Trouser), which is too easy.
 */
public final class FashionMnist {
    /** Where the Debian package installs the files. */
    public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");
    /** System property that overrides {@link #DEFAULT_DIRECTORY}. */
    public static final String DIRECTORY_PROPERTY = "dualnet.fashion-mnist.dir";
    /** The Debian package that provides the files. */
    public static final String DEBIAN_PACKAGE = "dataset-fashion-mnist";
    /** Pixels per image (28&times;28). */
    public static final int PIXELS = 28 * 28;
    /** Number of classes. */
    public static final int CLASSES = 10;
    /** Default negative class: 0, "T-shirt/top". */
    public static final int DEFAULT_CLASS_A = 0;
    /** Default positive class: 6, "Shirt". */
    public static final int DEFAULT_CLASS_B = 6;

    private static final String[] CLASS_NAMES = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
        "Shirt", "Sneaker", "Bag", "Ankle boot"};
    private static final double MAX_PIXEL = 255.0;
    private static final String PARAMETER = "Fashion-MNIST file";
    private static final String INSTALL = "install the Debian package " + DEBIAN_PACKAGE + " (apt-get install "
            + DEBIAN_PACKAGE + ")";

    /** The two parts of the data set. */
    public enum Split {
        /** 60000 training images. */
        TRAIN("train"),
        /** 10000 test images. */
        TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }

        /** The file-name prefix: {@code train} or {@code t10k}. */
        public String prefix() {
            return prefix;
        }
    }

    private final Path directory;

    /** The data set in the directory named by {@value #DIRECTORY_PROPERTY}, or else {@link #DEFAULT_DIRECTORY}. */
    public FashionMnist() {
        this(defaultDirectory());
    }

    /** The data set in {@code directory} (checked when a file is read). */
    public FashionMnist(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** {@value #DIRECTORY_PROPERTY} if set and not blank, else {@link #DEFAULT_DIRECTORY}. */
    public static Path defaultDirectory() {
        String dir = System.getProperty(DIRECTORY_PROPERTY);
        return dir == null || dir.isBlank() ? DEFAULT_DIRECTORY : Path.of(dir.strip());
    }

    /** The directory the files are read from. */
    public Path directory() {
        return directory;
    }

    /** The image file of {@code split}. */
    public Path imagesFile(Split split) {
        return directory.resolve(split.prefix() + "-images-idx3-ubyte.gz");
    }

    /** The label file of {@code split}. */
    public Path labelsFile(Split split) {
        return directory.resolve(split.prefix() + "-labels-idx1-ubyte.gz");
    }

    /** Whether all four files exist, e.g. to skip work when the package is not installed. */
    public boolean available() {
        for (Split s : Split.values()) {
            if (!Files.isRegularFile(imagesFile(s)) || !Files.isRegularFile(labelsFile(s))) {
                return false;
            }
        }
        return true;
    }

    /** The name of class {@code label} ({@code 0..9}), e.g. "T-shirt/top". */
    public static String className(int label) {
        requireClass("label", label);
        return CLASS_NAMES[label];
    }

    /**
     * The first {@code limit} images of {@code split} (all with {@code limit = 0}), scaled to {@code [0, 1]}.
     *
     * @param limit the most images to read, {@code >= 0}; 0 reads all
     * @return {@code n x 784}
     * @throws InvalidInputException if a file is missing (the message says which package to install) or invalid
     */
    public DMatrixRMaj images(Split split, int limit) {
        InvalidInputException.requireAtLeast("limit", limit, 0);
        Path file = requireFile(imagesFile(split));
        return scaled(IdxReader.readImages(file, PARAMETER, limit == 0 ? Integer.MAX_VALUE : limit));
    }

    /**
     * The first {@code limit} labels of {@code split} (all with {@code limit = 0}), {@code 0..9}.
     *
     * @param limit the most labels to read, {@code >= 0}; 0 reads all
     * @throws InvalidInputException if a file is missing (the message says which package to install) or invalid
     */
    public int[] labels(Split split, int limit) {
        InvalidInputException.requireAtLeast("limit", limit, 0);
        Path file = requireFile(labelsFile(split));
        int[] labels = IdxReader.readLabels(file, PARAMETER, limit == 0 ? Integer.MAX_VALUE : limit);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= CLASSES) {
                throw new DataFormatException(PARAMETER, file, "label " + i + " = " + labels[i],
                        "class labels 0 to " + (CLASSES - 1));
            }
        }
        return labels;
    }

    /**
     * The default two-class subset of {@code split}: every image of class {@value #DEFAULT_CLASS_A} (label -1) and
     * {@value #DEFAULT_CLASS_B} (label +1).
     */
    public LabeledData binary(Split split) {
        return binary(split, DEFAULT_CLASS_A, DEFAULT_CLASS_B, 0);
    }

    /**
     * The images of classes {@code a} and {@code b} of {@code split}, in file order, labelled {@code -1} for
     * {@code a} and {@code +1} for {@code b}, scaled to {@code [0, 1]}; only the first {@code limit} such images (all
     * with {@code limit = 0}). Reads only as far into the files as needed.
     *
     * @param a the class labelled {@code -1}, {@code 0..9}
     * @param b the class labelled {@code +1}, {@code 0..9}, not {@code a}
     * @param limit the most samples, {@code >= 0}; 0 keeps all (12000 for TRAIN, 2000 for TEST)
     * @throws InvalidInputException for bad arguments, a missing file (the message says which package to install)
     *     or an invalid one
     */
    public LabeledData binary(Split split, int a, int b, int limit) {
        requireClass("a", a);
        requireClass("b", b);
        if (a == b) {
            throw new InvalidInputException("b", b, "a class other than a = " + a);
        }
        InvalidInputException.requireAtLeast("limit", limit, 0);
        int[] labels = labels(split, 0);
        int[] keep = new int[labels.length];
        double[] y = new double[labels.length];
        int count = 0;
        for (int i = 0; i < labels.length && (limit == 0 || count < limit); i++) {
            if (labels[i] == a || labels[i] == b) {
                y[count] = labels[i] == a ? -1 : 1;
                keep[count++] = i;
            }
        }
        if (count == 0) {
            throw new DataFormatException(PARAMETER, labelsFile(split), null,
                    "images of classes " + a + " and " + b + " (there are none)");
        }
        Path file = requireFile(imagesFile(split));
        DMatrixRMaj x = scaled(IdxReader.readImages(file, PARAMETER, Arrays.copyOf(keep, count)));
        return new LabeledData(x, Arrays.copyOf(y, count));
    }

    private static DMatrixRMaj scaled(DMatrixRMaj raw) {
        int size = raw.getNumElements();
        for (int i = 0; i < size; i++) {
            raw.data[i] /= MAX_PIXEL;
        }
        return raw;
    }

    private Path requireFile(Path file) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidInputException("Fashion-MNIST directory", directory,
                    "a directory with the Fashion-MNIST files (no such directory); " + INSTALL
                            + " or set -D" + DIRECTORY_PROPERTY + " to where the files are");
        }
        if (!Files.exists(file)) {
            throw new InvalidInputException(PARAMETER, file, "an existing file (no such file); " + INSTALL
                    + " or set -D" + DIRECTORY_PROPERTY + " to where the files are");
        }
        return file;
    }

    private static void requireClass(String parameter, int label) {
        if (label < 0 || label >= CLASSES) {
            throw new InvalidInputException(parameter, label, "a Fashion-MNIST class 0 to " + (CLASSES - 1));
        }
    }
}
