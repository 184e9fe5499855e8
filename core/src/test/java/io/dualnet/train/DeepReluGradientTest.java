package io.dualnet.train;

import io.dualnet.linalg.Matrices;
import io.dualnet.net.DeepReluNetwork;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class DeepReluGradientTest {
    private static final double STEP = 1e-6;
    private static final double TOLERANCE = 1e-5;

    @Test
    void gradientMatchesCentralDifferencesWithBiasesAndWeightDecay() {
        Random rng = new Random(3);
        DMatrixRMaj x = Matrices.gaussian(7, 4, 1, rng);
        DMatrixRMaj y = Matrices.gaussian(7, 2, 1, rng);
        List<DMatrixRMaj> w = new ArrayList<>(List.of(Matrices.gaussian(4, 5, 0.7, rng),
                Matrices.gaussian(5, 3, 0.7, rng), Matrices.gaussian(3, 2, 0.7, rng)));
        List<double[]> b = new ArrayList<>();
        b.add(new double[] {0.1, -0.2, 0.3, 0.05, -0.1});
        b.add(null);
        b.add(new double[] {0.2, -0.3});
        double beta = 0.3;
        double scale = 1.7;
        DeepReluGradient.Evaluation e = DeepReluGradient.evaluate(w, b, x, y, scale, beta, true, true);
        List<double[]> params = new ArrayList<>();
        List<double[]> grads = new ArrayList<>();
        for (int l = 0; l < 3; l++) {
            params.add(w.get(l).data);
            grads.add(e.gradW().get(l).data);
            if (b.get(l) != null) {
                params.add(b.get(l));
                grads.add(e.gradB().get(l));
            }
        }
        for (int k = 0; k < params.size(); k++) {
            double[] p = params.get(k);
            for (int i = 0; i < p.length; i++) {
                double old = p[i];
                p[i] = old + STEP;
                double up = DeepReluGradient.evaluate(w, b, x, y, scale, beta, true, false).value();
                p[i] = old - STEP;
                double down = DeepReluGradient.evaluate(w, b, x, y, scale, beta, true, false).value();
                p[i] = old;
                assertThat(grads.get(k)[i]).isCloseTo((up - down) / (2 * STEP),
                        org.assertj.core.data.Offset.offset(TOLERANCE));
            }
        }
        assertThat(e.value()).isCloseTo(scale * 0.5 * residual(new DeepReluNetwork(w, b), x, y)
                + 0.5 * beta * new DeepReluNetwork(w, b).squaredNorm(true), org.assertj.core.data.Offset.offset(1e-12));
    }

    private static double residual(DeepReluNetwork net, DMatrixRMaj x, DMatrixRMaj y) {
        DMatrixRMaj f = net.predict(x);
        double s = 0;
        for (int i = 0; i < f.data.length; i++) {
            s += (f.data[i] - y.data[i]) * (f.data[i] - y.data[i]);
        }
        return s;
    }
}
