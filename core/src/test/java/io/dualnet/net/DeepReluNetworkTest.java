package io.dualnet.net;

import io.dualnet.data.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeepReluNetworkTest {

    @Test
    void forwardPassByHand() {
        // f(x) = 2 (x - 1)_+ - (-x)_+ + 0.5 on scalar inputs: a hand-made spline with kinks at 1 and 0.
        DMatrixRMaj w1 = new DMatrixRMaj(new double[][] {{1, -1}});
        double[] b1 = {-1, 0};
        DMatrixRMaj w2 = new DMatrixRMaj(new double[][] {{2}, {-1}});
        double[] b2 = {0.5};
        DeepReluNetwork net = new DeepReluNetwork(List.of(w1, w2), Arrays.asList(b1, b2));
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{-2}, {0.5}, {3}});
        DMatrixRMaj f = net.predict(x);
        assertThat(f.data).containsExactly(-1.5, 0.5, 4.5);
        assertThat(net.widths()).containsExactly(1, 2, 1);
        assertThat(net.parameterCount()).isEqualTo(7);
        assertThat(net.squaredNorm(false)).isEqualTo(1 + 1 + 4 + 1);
        assertThat(net.squaredNorm(true)).isEqualTo(7 + 1 + 0.25);
        assertThat(net.activations(x)).hasSize(3);
    }

    @Test
    void isImmutableAndValidatesShapes() {
        DMatrixRMaj w1 = new DMatrixRMaj(2, 3);
        DeepReluNetwork net = DeepReluNetwork.withoutBiases(List.of(w1, new DMatrixRMaj(3, 1)));
        w1.set(0, 0, 5);
        assertThat(net.weightView(1).get(0, 0)).isZero();
        net.weight(1).set(0, 0, 5);
        assertThat(net.weightView(1).get(0, 0)).isZero();
        assertThat(net.hasBias(2)).isFalse();
        assertThatThrownBy(() -> DeepReluNetwork.withoutBiases(List.of(w1, new DMatrixRMaj(2, 1))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("weights[2]");
        assertThatThrownBy(() -> new DeepReluNetwork(List.of(w1), Arrays.asList(new double[] {1})))
                .hasMessageContaining("biases[1]");
        assertThatThrownBy(() -> net.predict(new DMatrixRMaj(1, 3))).hasMessageContaining("x");
    }
}
