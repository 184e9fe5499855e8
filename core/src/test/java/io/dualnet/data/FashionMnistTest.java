package io.dualnet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real data set where the Debian package is installed (as on CI); the error paths everywhere. */
class FashionMnistTest {
    private static final int TRAIN = 60000;
    private static final int TEST = 10000;
    private static final String INSTALL = "install the Debian package dataset-fashion-mnist "
            + "(apt-get install dataset-fashion-mnist)";

    @TempDir
    Path dir;

    private static FashionMnist installed() {
        FashionMnist data = new FashionMnist();
        assumeTrue(data.available(), () -> "Fashion-MNIST not installed in " + data.directory());
        return data;
    }

    private static int[] counts(int[] labels) {
        int[] c = new int[FashionMnist.CLASSES];
        for (int l : labels) {
            c[l]++;
        }
        return c;
    }

    @Test
    void labelsOfTheInstalledPackageHaveTheDocumentedSizesAndBalance() {
        FashionMnist data = installed();
        int[] train = data.labels(FashionMnist.Split.TRAIN, 0);
        int[] test = data.labels(FashionMnist.Split.TEST, 0);
        assertThat(train).hasSize(TRAIN);
        assertThat(test).hasSize(TEST);
        assertThat(counts(train)).containsOnly(TRAIN / FashionMnist.CLASSES);
        assertThat(counts(test)).containsOnly(TEST / FashionMnist.CLASSES);
        assertThat(data.labels(FashionMnist.Split.TRAIN, 3)).containsExactly(train[0], train[1], train[2]);
    }

    @Test
    void imagesOfTheInstalledPackageAreScaledToTheUnitInterval() {
        FashionMnist data = installed();
        DMatrixRMaj train = data.images(FashionMnist.Split.TRAIN, 0);
        assertThat(train.numRows).isEqualTo(TRAIN);
        assertThat(train.numCols).isEqualTo(FashionMnist.PIXELS);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < train.getNumElements(); i++) {
            min = Math.min(min, train.data[i]);
            max = Math.max(max, train.data[i]);
        }
        assertThat(min).isEqualTo(0.0);
        assertThat(max).isEqualTo(1.0);
        DMatrixRMaj test = data.images(FashionMnist.Split.TEST, 5);
        assertThat(test.numRows).isEqualTo(5);
        assertThat(test.numCols).isEqualTo(FashionMnist.PIXELS);
    }

    @Test
    void binarySubsetKeepsTwoClassesInFileOrder() {
        FashionMnist data = installed();
        LabeledData all = data.binary(FashionMnist.Split.TRAIN);
        assertThat(all.samples()).isEqualTo(2 * TRAIN / FashionMnist.CLASSES);
        assertThat(all.signCounts()).containsExactly(TRAIN / FashionMnist.CLASSES, TRAIN / FashionMnist.CLASSES);
        assertThat(data.binary(FashionMnist.Split.TEST).signCounts()).containsExactly(1000, 1000);

        int limit = 50;
        LabeledData some = data.binary(FashionMnist.Split.TEST, 7, 1, limit);
        assertThat(some.samples()).isEqualTo(limit);
        int[] labels = data.labels(FashionMnist.Split.TEST, 0);
        DMatrixRMaj images = data.images(FashionMnist.Split.TEST, 0);
        int k = 0;
        for (int i = 0; i < labels.length && k < limit; i++) {
            if (labels[i] == 7 || labels[i] == 1) {
                assertThat(some.y()[k]).isEqualTo(labels[i] == 7 ? -1.0 : 1.0);
                for (int p = 0; p < FashionMnist.PIXELS; p++) {
                    assertThat(some.x().get(k, p)).isEqualTo(images.get(i, p));
                }
                k++;
            }
        }
        assertThat(k).isEqualTo(limit);
    }

    @Test
    void missingDirectoryTellsWhichPackageToInstall() {
        Path nowhere = dir.resolve("no-such-dir");
        FashionMnist data = new FashionMnist(nowhere);
        assertThat(data.available()).isFalse();
        assertThatThrownBy(() -> data.binary(FashionMnist.Split.TRAIN))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage("invalid Fashion-MNIST directory = " + nowhere + ": expected a directory with the "
                        + "Fashion-MNIST files (no such directory); " + INSTALL
                        + " or set -Ddualnet.fashion-mnist.dir to where the files are");
    }

    @Test
    void missingFileTellsWhichPackageToInstall() throws IOException {
        Files.createDirectories(dir);
        FashionMnist data = new FashionMnist(dir);
        Path file = dir.resolve("t10k-labels-idx1-ubyte.gz");
        assertThatThrownBy(() -> data.labels(FashionMnist.Split.TEST, 0))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage("invalid Fashion-MNIST file = " + file + ": expected an existing file (no such file); "
                        + INSTALL + " or set -Ddualnet.fashion-mnist.dir to where the files are");
    }

    @Test
    void directoryComesFromTheSystemPropertyOrTheDefault() {
        String old = System.getProperty(FashionMnist.DIRECTORY_PROPERTY);
        try {
            System.clearProperty(FashionMnist.DIRECTORY_PROPERTY);
            assertThat(new FashionMnist().directory()).isEqualTo(FashionMnist.DEFAULT_DIRECTORY);
            System.setProperty(FashionMnist.DIRECTORY_PROPERTY, dir.toString());
            assertThat(new FashionMnist().directory()).isEqualTo(dir);
        } finally {
            if (old == null) {
                System.clearProperty(FashionMnist.DIRECTORY_PROPERTY);
            } else {
                System.setProperty(FashionMnist.DIRECTORY_PROPERTY, old);
            }
        }
    }

    @Test
    void readsSyntheticFilesInAnotherDirectory() throws IOException {
        int n = 6;
        byte[] pixels = new byte[n * FashionMnist.PIXELS];
        for (int i = 0; i < n; i++) {
            pixels[i * FashionMnist.PIXELS] = (byte) (i * 51);
        }
        byte[] labels = {0, 6, 3, 6, 0, 9};
        for (FashionMnist.Split s : FashionMnist.Split.values()) {
            Files.write(dir.resolve(s.prefix() + "-images-idx3-ubyte.gz"), IdxReaderTest.gzip(
                    IdxReaderTest.idx(IdxReader.IMAGES_MAGIC, new int[] {n, 28, 28}, pixels)));
            Files.write(dir.resolve(s.prefix() + "-labels-idx1-ubyte.gz"), IdxReaderTest.gzip(
                    IdxReaderTest.idx(IdxReader.LABELS_MAGIC, new int[] {n}, labels)));
        }
        FashionMnist data = new FashionMnist(dir);
        assertThat(data.available()).isTrue();
        LabeledData b = data.binary(FashionMnist.Split.TRAIN);
        assertThat(b.y()).containsExactly(-1, 1, 1, -1);
        assertThat(b.x().get(0, 0)).isEqualTo(0.0);
        assertThat(b.x().get(1, 0)).isEqualTo(51 / 255.0);
        assertThat(b.x().get(3, 0)).isEqualTo(204 / 255.0);
        assertThat(data.binary(FashionMnist.Split.TEST, 0, 6, 3).y()).containsExactly(-1, 1, 1);
        assertThatThrownBy(() -> data.binary(FashionMnist.Split.TEST, 1, 2, 0))
                .isExactlyInstanceOf(DataFormatException.class).hasMessageContaining("there are none");
        assertThatThrownBy(() -> data.binary(FashionMnist.Split.TEST, 3, 3, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("a class other than a = 3");
        assertThatThrownBy(() -> data.binary(FashionMnist.Split.TEST, 0, 10, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("class 0 to 9");
        assertThat(FashionMnist.className(FashionMnist.DEFAULT_CLASS_B)).isEqualTo("Shirt");
    }
}
