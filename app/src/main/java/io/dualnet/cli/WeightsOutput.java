package io.dualnet.cli;

import io.dualnet.data.NpyWriter;
import io.dualnet.data.OutputSet;
import io.dualnet.net.DeepLinearWeights;
import org.ejml.data.DMatrixRMaj;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes certified solutions to a directory through an {@link OutputSet} (all or nothing). A deep linear solution:
 * {@code W1.npy .. WH.npy} (row convention, layer {@code l} is {@code d_(l-1) x d_l}), {@code lambda.npy} (the dual
 * point, {@code n x d_H}) and {@code certificate.json}.
 *
 * <p>Commands call {@link #prepare} before their computation (so a bad {@code --out} fails at once) and
 * {@link #write} at the end.
 */
final class WeightsOutput {
    private WeightsOutput() {
    }

    /**
     * Checks {@code --out} before the computation; {@code null} when {@code dir} is {@code null} (no output).
     *
     * @throws io.dualnet.data.InvalidInputException naming {@code --out} when the location cannot take the files
     */
    static OutputSet prepare(Path dir) {
        return dir == null ? null : OutputSet.prepare(dir, "--out", "lambda.npy", "certificate.json");
    }

    static void write(OutputSet set, DeepLinearWeights weights, DMatrixRMaj lambda, Map<String, Object> certificate) {
        Map<String, DMatrixRMaj> arrays = new LinkedHashMap<>();
        for (int l = 1; l <= weights.depth(); l++) {
            arrays.put("W" + l + ".npy", weights.layer(l));
        }
        arrays.put("lambda.npy", lambda);
        write(set, arrays, certificate);
    }

    /**
     * Writes {@code arrays} (file name to matrix, as {@code .npy}) and {@code certificate.json} into the set's
     * directory, all or nothing.
     *
     * @throws io.dualnet.data.InvalidInputException naming {@code --out} when the directory cannot be written
     */
    static void write(OutputSet set, Map<String, DMatrixRMaj> arrays, Map<String, Object> certificate) {
        try (set) {
            for (Map.Entry<String, DMatrixRMaj> e : arrays.entrySet()) {
                NpyWriter.write(set.file(e.getKey()), e.getValue());
            }
            JsonOutput json = JsonOutput.object();
            certificate.forEach(json::put);
            set.writeString("certificate.json", json.toJson(true) + "\n");
            set.commit();
        }
    }
}
