package io.dualnet.cli;

import io.dualnet.data.OutputSet;
import io.dualnet.net.DeepReluNetwork;
import org.ejml.data.DMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code --out} files of the {@code relu-deep} commands: weights, biases and the JSON result, all or nothing. */
final class ReluDeepOutput {
    private ReluDeepOutput() {
    }

    /**
     * Writes {@code W1.npy..WL.npy} ({@code W_l} is {@code m_(l-1) x m_l}, rows are inputs), {@code bl.npy}
     * ({@code 1 x m_l}) for each layer with a bias, the {@code extra} arrays and {@code certificate.json}.
     */
    static void write(OutputSet set, DeepReluNetwork net, Map<String, DMatrixRMaj> extra, Map<String, Object> result) {
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
        WeightsOutput.write(set, arrays, result);
    }
}
