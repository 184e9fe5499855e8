package io.dualnet.cli;

import io.dualnet.data.AtomicFiles;
import io.dualnet.data.InvalidInputException;
import io.dualnet.data.NpyWriter;
import io.dualnet.net.DeepLinearWeights;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a certified deep linear solution to a directory: {@code W1.npy .. WH.npy} (row convention, layer {@code l}
 * is {@code d_(l-1) x d_l}), {@code lambda.npy} (the dual point, {@code n x d_H}) and {@code certificate.json}.
 * Everything is first written to a hidden staging directory beside the target, then moved in, so a failure leaves
 * no partial set of files.
 */
final class WeightsOutput {
    private WeightsOutput() {
    }

    static void write(Path dir, DeepLinearWeights weights, DMatrixRMaj lambda, Map<String, Object> certificate) {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new InvalidInputException("--out", dir, "a directory (a file of that name exists)");
        }
        Path staging = null;
        try {
            Files.createDirectories(target);
            staging = Files.createTempDirectory(target, ".staging-");
            List<String> names = new ArrayList<>();
            for (int l = 1; l <= weights.depth(); l++) {
                String name = "W" + l + ".npy";
                NpyWriter.write(staging.resolve(name), weights.layer(l));
                names.add(name);
            }
            NpyWriter.write(staging.resolve("lambda.npy"), lambda);
            names.add("lambda.npy");
            JsonOutput json = JsonOutput.object();
            certificate.forEach(json::put);
            AtomicFiles.writeString(staging.resolve("certificate.json"), json.toJson(true) + "\n");
            names.add("certificate.json");
            for (String name : names) {
                Files.move(staging.resolve(name), target.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException("--out", dir, "a writable directory (" + e.getMessage() + ")");
        } finally {
            if (staging != null) {
                deleteQuietly(staging);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the staging directory is hidden
        }
    }
}
