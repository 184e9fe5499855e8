package io.dualnet.train;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Matrices;
import io.dualnet.net.DeepReluNetwork;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeepReluTrainerTest {
    private static final double FIT_TOLERANCE = 1e-3;

    private static DMatrixRMaj data(int n, int d, long seed) {
        return Matrices.gaussian(n, d, 1, new Random(seed));
    }

    @Test
    void adamFitsASmallTargetAndTheTraceDecreases() {
        DMatrixRMaj x = data(12, 3, 1);
        DMatrixRMaj y = Matrices.gaussian(12, 2, 1, new Random(2));
        DeepReluTrainer.Options o = DeepReluTrainer.Options.defaults(16, 16).withBiases(true, true)
                .withAdam(1e-2).withEpochs(3000).withTraceEvery(100);
        DeepReluTrainingResult r = new DeepReluTrainer(o).train(x, y, null, null);
        List<DeepReluTrainingResult.TracePoint> t = r.bestTrace();
        assertThat(t.get(0).epoch()).isZero();
        assertThat(t.get(t.size() - 1).epoch()).isEqualTo(3000);
        assertThat(r.objective()).isLessThan(FIT_TOLERANCE * t.get(0).objective());
        assertThat(r.objective()).isCloseTo(DeepReluTrainer.objective(r.network(), x, y, 0, false),
                org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void sgdWithMomentumAndMiniBatchesDecreasesTheRegularizedObjective() {
        DMatrixRMaj x = data(40, 5, 3);
        double[] y = new double[40];
        for (int i = 0; i < 40; i++) {
            y[i] = Math.max(0, x.get(i, 0)) - 0.5 * x.get(i, 1);
        }
        DeepReluTrainer.Options o = DeepReluTrainer.Options.defaults(10, 8).withSgd(2e-3, 0.9).withBatchSize(8)
                .withEpochs(200).withBeta(1e-2, false).withTraceEvery(50);
        DeepReluTrainer trainer = new DeepReluTrainer(o);
        DeepReluTrainingResult r = trainer.train(x, DeepReluTrainer.column(y), null, null);
        assertThat(r.diverged()[0]).isFalse();
        assertThat(r.objective()).isLessThan(0.2 * r.bestTrace().get(0).objective());
        assertThat(r.objective()).isCloseTo(trainer.objective(r.network(), x, DeepReluTrainer.column(y)),
                org.assertj.core.data.Offset.offset(1e-10));
        // updates per epoch: 40 / 8 = 5
        assertThat(r.bestTrace().get(r.bestTrace().size() - 1).updates()).isEqualTo(200 * 5);
    }

    @Test
    void restartsAreIndependentOfTheThreadCountAndTheListenerSeesEveryTracePoint() {
        DMatrixRMaj x = data(10, 3, 5);
        DMatrixRMaj y = Matrices.gaussian(10, 1, 1, new Random(6));
        DeepReluTrainer.Options o = DeepReluTrainer.Options.defaults(6, 6).withAdam(1e-2).withEpochs(50)
                .withTraceEvery(10).withSeed(9);
        AtomicInteger calls = new AtomicInteger();
        DeepReluTrainingResult one = new DeepReluTrainer(o.withRestarts(3, 1)).train(x, y, null,
                (r, p, net) -> calls.incrementAndGet());
        DeepReluTrainingResult two = new DeepReluTrainer(o.withRestarts(3, 2)).train(x, y, null, null);
        assertThat(one.finalObjectives()).containsExactly(two.finalObjectives());
        assertThat(one.bestRestart()).isEqualTo(two.bestRestart());
        assertThat(calls.get()).isEqualTo(3 * 6);
        assertThat(one.objective()).isEqualTo(min(one.finalObjectives()));
    }

    @Test
    void warmStartIsRestartZerosStartAndIsChecked() {
        DMatrixRMaj x = data(8, 2, 7);
        DMatrixRMaj y = Matrices.gaussian(8, 1, 1, new Random(8));
        DeepReluTrainer trainer = new DeepReluTrainer(DeepReluTrainer.Options.defaults(4).withEpochs(1));
        DeepReluNetwork start = trainer.initialNetwork(2, 1, 0);
        DeepReluTrainingResult r = trainer.train(x, y, start, null);
        assertThat(r.bestTrace().get(0).objective())
                .isEqualTo(DeepReluTrainer.objective(start, x, y, 0, false));
        DeepReluNetwork wrong = new DeepReluTrainer(DeepReluTrainer.Options.defaults(5)).initialNetwork(2, 1, 0);
        assertThatThrownBy(() -> trainer.train(x, y, wrong, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("warmStart");
    }

    @Test
    void divergenceIsAStatusNotAnException() {
        DMatrixRMaj x = data(8, 2, 7);
        DMatrixRMaj y = Matrices.gaussian(8, 1, 100, new Random(8));
        DeepReluTrainingResult r = new DeepReluTrainer(DeepReluTrainer.Options.defaults().withSgd(10, 0.9)
                .withEpochs(2000)).train(x, y, null, null);
        assertThat(r.diverged()[0]).isTrue();
        assertThat(r.objective()).isInfinite();
        assertThat(r.bestRestart()).isEqualTo(-1);
    }

    @Test
    void optionsNameTheBadField() {
        assertThatThrownBy(() -> DeepReluTrainer.Options.defaults(0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("hiddenWidths");
        assertThatThrownBy(() -> DeepReluTrainer.Options.defaults(3).withSgd(0.1, 1.0))
                .hasMessageContaining("momentum");
        assertThatThrownBy(() -> DeepReluTrainer.Options.defaults(3).withBeta(-1, false))
                .hasMessageContaining("beta");
        DeepReluTrainer t = new DeepReluTrainer(DeepReluTrainer.Options.defaults(3));
        assertThatThrownBy(() -> t.train(data(4, 2, 1), new DMatrixRMaj(3, 1), null, null))
                .hasMessageContaining("y");
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double d : v) {
            m = Math.min(m, d);
        }
        return m;
    }
}
