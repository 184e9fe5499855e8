package io.dualnet.vgg;

import io.dualnet.data.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CIFAR-10 binary reader on tiny synthetic files written by the test. */
class Cifar10Test {
    @TempDir
    Path dir;

    /** Writes {@code perFile} records per training file and {@code test} test records; record r of file f has label
     * (f + r) mod 10 and pixel k of channel c equal to (r + 7 c + k) mod 256. */
    static void writeSynthetic(Path dir, int perFile, int test) throws IOException {
        for (int f = 0; f < Cifar10.TRAIN_FILES.size(); f++) {
            Files.write(dir.resolve(Cifar10.TRAIN_FILES.get(f)), records(f, perFile));
        }
        Files.write(dir.resolve(Cifar10.TEST_FILE), records(9, test));
    }

    static byte[] records(int f, int n) {
        byte[] b = new byte[n * Cifar10.RECORD];
        for (int r = 0; r < n; r++) {
            b[r * Cifar10.RECORD] = (byte) ((f + r) % 10);
            for (int c = 0; c < 3; c++) {
                for (int k = 0; k < ImageSet.PLANE; k++) {
                    b[r * Cifar10.RECORD + 1 + c * ImageSet.PLANE + k] = (byte) ((r + 7 * c + k) % 256);
                }
            }
        }
        return b;
    }

    @Test
    void readsRecordsAcrossFilesInOrder() throws IOException {
        writeSynthetic(dir, 2, 3);
        ImageSet train = new Cifar10(dir).train(5);
        assertThat(train.size()).isEqualTo(5);
        assertThat(train.channels()).isEqualTo(3);
        assertThat(train.labels()).containsExactly(0, 1, 1, 2, 2);
        // image 3 is record 1 of data_batch_2: channel 2 (blue), pixel 5 = (1 + 14 + 5) / 255
        assertThat(train.pixels()[3 * 3 * ImageSet.PLANE + 2 * ImageSet.PLANE + 5]).isEqualTo(20 / 255f);
        ImageSet test = new Cifar10(dir).test(100);
        assertThat(test.size()).isEqualTo(3);
        assertThat(test.labels()).containsExactly(9, 0, 1);
        assertThat(test.name()).isEqualTo("CIFAR-10");
    }

    @Test
    void missingOrTruncatedFilesAreBadInputNamingTheFlag() throws IOException {
        assertThatThrownBy(() -> new Cifar10(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--cifar10").hasMessageContaining("data_batch_1.bin");
        writeSynthetic(dir, 1, 1);
        Files.write(dir.resolve(Cifar10.TEST_FILE), new byte[100]);
        assertThatThrownBy(() -> new Cifar10(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("test_batch.bin").hasMessageContaining("100 bytes");
        assertThatThrownBy(() -> new Cifar10(dir.resolve("nope"))).hasMessageContaining("--cifar10");
    }
}
