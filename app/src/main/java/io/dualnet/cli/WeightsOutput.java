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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes certified solutions to a directory. A deep linear solution: {@code W1.npy .. WH.npy} (row convention, layer {@code l}
 * is {@code d_(l-1) x d_l}), {@code lambda.npy} (the dual point, {@code n x d_H}) and {@code certificate.json}.
 * Everything is first written to a hidden staging directory beside the target, then moved in, so a failure leaves
 * no partial set of files.
 */
final class WeightsOutput {
    private WeightsOutput() {
    }

    static void write(Path dir, DeepLinearWeights weights, DMatrixRMaj lambda, Map<String, Object> certificate) {
        Map<String, DMatrixRMaj> arrays = new LinkedHashMap<>();
        for (int l = 1; l <= weights.depth(); l++) {
            arrays.put("W" + l + ".npy", weights.layer(l));
        }
        arrays.put("lambda.npy", lambda);
        write(dir, arrays, certificate);
    }

    /**
     * Writes {@code arrays} (file name to matrix, as {@code .npy}) and {@code certificate.json} into {@code dir}, all
     * or nothing (staging directory, then atomic moves).
     *
     * @throws InvalidInputException naming {@code --out} when the directory cannot be written
     */
    static void write(Path dir, Map<String, DMatrixRMaj> arrays, Map<String, Object> certificate) {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new InvalidInputException("--out", dir, "a directory (a file of that name exists)");
        }
        Path staging = null;
        try {
            Files.createDirectories(target);
            staging = Files.createTempDirectory(target, ".staging-");
            List<String> names = new ArrayList<>();
            for (Map.Entry<String, DMatrixRMaj> e : arrays.entrySet()) {
                NpyWriter.write(staging.resolve(e.getKey()), e.getValue());
                names.add(e.getKey());
            }
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
