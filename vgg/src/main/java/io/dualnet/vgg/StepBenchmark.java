package io.dualnet.vgg;

import io.dualnet.data.FashionMnist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Times one training step (forward, cross-entropy, backward, Nesterov SGD update) of the multi-branch VGG-9 on a
 * fixed batch of Fashion-MNIST images, for the side-by-side comparison with PyTorch in {@code bench/vgg_step.py}.
 * Writes the batch as raw little-endian float32 {@code (b, 1, 32, 32)} followed by int32 labels to
 * {@code --batch-file} so that the peer trains on the same bytes. Prints one JSON line per configuration.
 *
 * <p>Usage: {@code StepBenchmark BATCH_FILE B STEPS WARMUP W:I [W:I ...]}.
 */
public final class StepBenchmark {
    private StepBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int b = Integer.parseInt(args[1]);
        int steps = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        ImageSet set = new FashionMnist32().read(FashionMnist.Split.TRAIN, b);
        float[] x = new float[b * set.imageSize()];
        int[] y = new int[b];
        int[] order = Batches.permutation(b, new java.util.SplittableRandom(0));
        java.util.Arrays.sort(order);
        Batches.fill(set, order, 0, b, null, x, y);
        ByteBuffer buf = ByteBuffer.allocate(4 * (x.length + y.length)).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : x) {
            buf.putFloat(v);
        }
        for (int v : y) {
            buf.putInt(v);
        }
        Files.write(file, buf.array());
        for (int k = 4; k < args.length; k++) {
            String[] wi = args[k].split(":");
            VggArchitecture a = new VggArchitecture(1, Integer.parseInt(wi[0]), Integer.parseInt(wi[1]));
            try (VggTraining t = new VggTraining(a, 1)) {
                NesterovSgd sgd = new NesterovSgd(t.trainable(), 0.9, 5e-4, t.block().getParameters().get(0)
                        .getValue().getArray().getManager());
                double first = 0;
                for (int s = 0; s < warmup; s++) {
                    double l = t.step(x, y, b, 1, sgd, 0.01);
                    first = s == 0 ? l : first;
                }
                double[] ms = new double[steps];
                double last = 0;
                for (int s = 0; s < steps; s++) {
                    long start = System.nanoTime();
                    last = t.step(x, y, b, 1, sgd, 0.01);
                    ms[s] = (System.nanoTime() - start) / 1e6;
                }
                double mean = java.util.Arrays.stream(ms).average().orElse(Double.NaN);
                java.util.Arrays.sort(ms);
                System.out.printf(Locale.ROOT, "{\"impl\":\"djl\",\"width\":%d,\"branches\":%d,\"batch\":%d,"
                        + "\"params\":%d,\"ms_per_step\":%.2f,\"ms_min\":%.2f,\"ms_median\":%.2f,"
                        + "\"first_loss\":%.5f,\"last_loss\":%.5f,\"threads\":\"%s\"}%n", a.width(), a.branches(), b,
                        t.parameterCount(), mean, ms[0], ms[steps / 2], first, last,
                        System.getProperty("ai.djl.pytorch.num_threads", "default"));
            }
        }
    }
}
