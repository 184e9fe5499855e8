package io.dualnet.vgg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Table 2 structure: parameter counts and the averaging of branch logits. */
class MultiBranchVggTest {
    /** Float32 agreement of the averaged logits with the mean of the separately evaluated branches. */
    static final double AVERAGE_ATOL = 1e-5;

    @BeforeAll
    static void offline() {
        DjlEnvironment.configure(1);
    }

    @Test
    void parameterCountFollowsTable2() {
        for (int[] c : new int[][] {{1, 2, 3}, {3, 4, 1}, {1, 16, 1}}) {
            VggArchitecture a = new VggArchitecture(c[0], c[1], c[2]);
            try (VggTraining t = new VggTraining(a, 7)) {
                assertThat(t.parameterCount()).isEqualTo(a.parameters());
            }
        }
        // the PyTorch peer (bench/python/vgg_step.py) counts 175322 for one width-16 branch on one channel
        assertThat(new VggArchitecture(1, 16, 1).parameters()).isEqualTo(175_322);
        assertThat(new VggArchitecture(3, 16, 4).parameters()).isEqualTo(4 * new VggArchitecture(3, 16, 1).parameters());
    }

    @Test
    void outputIsTheMeanOfTheBranchLogits() {
        VggArchitecture a = new VggArchitecture(1, 2, 3);
        try (VggTraining t = new VggTraining(a, 11); NDManager m = NDManager.newBaseManager("PyTorch")) {
            float[] x = new float[4 * ImageSet.PLANE];
            SplittableRandom r = new SplittableRandom(3);
            for (int k = 0; k < x.length; k++) {
                x[k] = (float) r.nextGaussian();
            }
            float[] averaged = t.logits(x, 4, 1);
            ParameterStore store = new ParameterStore(m, false);
            NDArray input = m.create(x, new Shape(4, 1, 32, 32));
            float[] mean = new float[averaged.length];
            int branches = 0;
            for (Block branch : t.block().getChildren().values()) {
                float[] z = branch.forward(store, new NDList(input), false).singletonOrThrow().toFloatArray();
                for (int k = 0; k < z.length; k++) {
                    mean[k] += z[k] / a.branches();
                }
                branches++;
            }
            assertThat(branches).isEqualTo(3);
            for (int k = 0; k < mean.length; k++) {
                assertThat((double) averaged[k]).isCloseTo(mean[k], org.assertj.core.data.Offset.offset(AVERAGE_ATOL));
            }
            // the branches are different functions (independent initialisations), so the average is not trivial
            float[] first = t.block().getChildren().values().get(0).forward(store, new NDList(input), false)
                    .singletonOrThrow().toFloatArray();
            assertThat(first).isNotEqualTo(averaged);
        }
    }
}
