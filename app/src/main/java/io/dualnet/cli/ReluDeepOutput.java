package io.dualnet.cli;

import io.dualnet.data.InvalidInputException;
import io.dualnet.net.DeepReluNetwork;
import org.ejml.data.DMatrixRMaj;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code --out} files of the {@code relu-deep} commands: weights, biases and the JSON result, all or nothing. */
final class ReluDeepOutput {
    private ReluDeepOutput() {
    }

    /** Fails fast (before long work) when {@code dir} exists and is not a directory. */
    static void check(Path dir) {
        if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidInputException("--out", dir, "a directory (a file of that name exists)");
        }
    }

    /**
     * Writes {@code W1.npy..WL.npy} ({@code W_l} is {@code m_(l-1) x m_l}, rows are inputs), {@code bl.npy}
     * ({@code 1 x m_l}) for each layer with a bias, the {@code extra} arrays and {@code certificate.json}.
     */
    static void write(Path dir, DeepReluNetwork net, Map<String, DMatrixRMaj> extra, Map<String, Object> result) {
        Map<String, DMatrixRMaj> arrays = new LinkedHashMap<>();
        for (int l = 1; l <= net.depth(); l++) {
            arrays.put("W" + l + ".npy", net.weight(l));
            double[] b = net.bias(l);
            if (b != null) {
                DMatrixRMaj row = new DMatrixRMaj(1, b.length);
                System.arraycopy(b, 0, row.data, 0, b.length);
                arrays.put("b" + l + ".npy", row);
            }
        }
        arrays.putAll(extra);
        WeightsOutput.write(dir, arrays, result);
    }
}
