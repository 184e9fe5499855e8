package io.dualnet.solve;

import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.duality.Certificate;
import io.dualnet.duality.ReluCertificate;
import io.dualnet.duality.ReluDualBound;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The best primal and the best dual point are kept apart, and their pair is the certificate. */
class SeparateBoundsTest {

    @Test
    void keepsTheLowestPrimalAndTheHighestDualFromDifferentOffers() {
        SeparateBounds best = new SeparateBounds();
        assertThat(best.best()).isNull();
        assertThat(best.closes(1)).isFalse();
        DMatrixRMaj mu1 = new DMatrixRMaj(2, 2, true, 1, 2, 3, 4);
        assertThat(best.offer(point(1, 10.0, 1.0), mu1)).isTrue();
        mu1.set(0, 0, -99);
        // Smaller pair gap (12 - 9 = 3 < 9), but a worse primal: only its dual point is kept.
        DMatrixRMaj mu2 = new DMatrixRMaj(2, 2, true, 5, 6, 7, 8);
        assertThat(best.offer(point(2, 12.0, 9.0), mu2)).isTrue();
        // A better primal with a worse dual: only its primal point is kept.
        assertThat(best.offer(point(3, 9.5, 2.0), null)).isFalse();
        ReluInteriorPoint.Result r = best.best();
        assertThat(r.certificate().certificate()).isEqualTo(new Certificate(9.5, 9.0));
        assertThat(r.weights().blocksView().get(0, 0)).isEqualTo(3);
        assertThat(r.lambda()).containsExactly(2);
        assertThat(r.multipliers().data).containsExactly(5, 6, 7, 8);
        assertThat(r.newtonSteps()).isEqualTo(3);
        assertThat(best.closes(0.1)).isTrue();
        assertThat(best.closes(0.01)).isFalse();
    }

    @Test
    void theMultipliersAreThoseOfTheKeptDualPointCopiedWhenOffered() {
        SeparateBounds best = new SeparateBounds();
        DMatrixRMaj mu = new DMatrixRMaj(1, 1, true, 7);
        best.offer(point(1, 5, 4), mu);
        mu.set(0, 0, 8);
        assertThat(best.best().multipliers().get(0, 0)).isEqualTo(7);
        best.offer(point(2, 6, 3), new DMatrixRMaj(1, 1, true, 9));
        assertThat(best.best().multipliers().get(0, 0)).isEqualTo(7);
    }

    /** A certified point whose weights, dual point and step count are {@code tag}. */
    private static ReluInteriorPoint.Result point(int tag, double primal, double dual) {
        ConvexReluWeights w = ConvexReluWeights.ofBlocks(new DMatrixRMaj(1, 2, true, tag, 0), false);
        ReluDualBound bound = new ReluDualBound(dual, 1, new double[] {tag}, new double[] {0, 0}, 0);
        return new ReluInteriorPoint.Result(w, new double[] {tag}, null, tag,
                new ReluCertificate(new Certificate(primal, dual), bound, 0));
    }
}
