package io.dualnet.vgg;

import io.dualnet.data.InvalidInputException;
import io.dualnet.report.ZhangVggModule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 in its standard binary format (the "CIFAR-10 binary version" archive, extracted): files
 * {@code data_batch_1.bin} .. {@code data_batch_5.bin} and {@code test_batch.bin}, each a sequence of 3073-byte
 * records (one label byte 0..9, then 1024 red, 1024 green and 1024 blue bytes, row-major). Nothing is downloaded.
 * Normalisation: the authors' per-channel mean (0.4914, 0.4822, 0.4465) and std (0.2023, 0.1994, 0.2010).
 */
public final class Cifar10 {
    /** Bytes per record. */
    public static final int RECORD = 1 + 3 * ImageSet.PLANE;
    /** Training files, in order. */
    public static final List<String> TRAIN_FILES = ZhangVggModule.CIFAR10_TRAIN_FILES;
    /** Test file. */
    public static final String TEST_FILE = ZhangVggModule.CIFAR10_TEST_FILE;
    static final float[] MEAN = {0.4914f, 0.4822f, 0.4465f};
    static final float[] STD = {0.2023f, 0.1994f, 0.2010f};

    private final Path dir;

    /**
     * @throws InvalidInputException naming {@code --cifar10} when the folder lacks a file or a file is not a whole
     *     number of records
     */
    public Cifar10(Path dir) {
        this.dir = dir;
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InvalidInputException("--cifar10", dir, "a folder holding the CIFAR-10 binary files "
                    + String.join(", ", TRAIN_FILES) + ", " + TEST_FILE);
        }
        List<String> all = new ArrayList<>(TRAIN_FILES);
        all.add(TEST_FILE);
        for (String f : all) {
            Path file = dir.resolve(f);
            long size;
            try {
                size = Files.isRegularFile(file) ? Files.size(file) : -1;
            } catch (IOException e) {
                size = -1;
            }
            if (size <= 0 || size % RECORD != 0) {
                throw new InvalidInputException("--cifar10", dir, "a folder holding " + f + " (a whole number of "
                        + RECORD + "-byte records); " + (size < 0 ? "it is missing" : "it has " + size + " bytes"));
            }
        }
    }

    /** The first {@code limit} training images (from the five batches in order). */
    public ImageSet train(int limit) {
        return read(TRAIN_FILES, limit);
    }

    /** The first {@code limit} test images. */
    public ImageSet test(int limit) {
        return read(List.of(TEST_FILE), limit);
    }

    private ImageSet read(List<String> files, int limit) {
        InvalidInputException.requireAtLeast("limit", limit, 1);
        List<float[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        byte[] record = new byte[RECORD];
        for (String f : files) {
            Path file = dir.resolve(f);
            try (InputStream in = Files.newInputStream(file)) {
                while (labels.size() < limit && in.readNBytes(record, 0, RECORD) == RECORD) {
                    int label = record[0] & 0xFF;
                    if (label > 9) {
                        throw new InvalidInputException("--cifar10", file, "labels 0..9; a record has " + label);
                    }
                    float[] px = new float[RECORD - 1];
                    for (int k = 0; k < px.length; k++) {
                        px[k] = (record[k + 1] & 0xFF) / 255f;
                    }
                    images.add(px);
                    labels.add(label);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + file, e);
            }
        }
        float[] pixels = new float[images.size() * (RECORD - 1)];
        int[] y = new int[labels.size()];
        for (int i = 0; i < y.length; i++) {
            System.arraycopy(images.get(i), 0, pixels, i * (RECORD - 1), RECORD - 1);
            y[i] = labels.get(i);
        }
        return new ImageSet("CIFAR-10", pixels, y, 3, MEAN.clone(), STD.clone());
    }
}
