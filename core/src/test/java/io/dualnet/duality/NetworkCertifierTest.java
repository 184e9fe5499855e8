package io.dualnet.duality;

import io.dualnet.convex.ActivationPatterns;
import io.dualnet.convex.ArrangementEnumerator;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.PatternSampler;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.convex.ReluNetworkMapping;
import io.dualnet.data.LabeledData;
import io.dualnet.data.PlantedRelu;
import io.dualnet.loss.Losses;
import io.dualnet.net.ReluInstances;
import io.dualnet.net.TwoLayerReluNetwork;
import io.dualnet.net.TwoLayerReluProblem;
import io.dualnet.solve.ConeReluSolver;
import io.dualnet.solve.ReluCuttingPlanes;
import io.dualnet.solve.GatedReluSolver;
import io.dualnet.solve.Status;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Certificates of arbitrary networks: objective, certified lower bound and gap. */
class NetworkCertifierTest {

    /** Agreement of the lower bound with the optimum over all patterns, relative. */
    private static final double OPTIMUM_RTOL = 1e-6;
    /** Target relative gap of the fitted network's certificate. */
    private static final double FITTED_RTOL = 1e-3;
    /** Largest cone-constraint violation of returned weights. */
    private static final double FEASIBILITY = 1e-9;

    private static final TwoLayerReluProblem PROBLEM = ReluInstances.problem(8, 2, Losses.SQUARED, 0.1, true, 3L);

    private static TwoLayerReluNetwork randomNetwork(boolean gated, long seed) {
        Random rng = new Random(seed);
        DMatrixRMaj u = new DMatrixRMaj(3, 5);
        double[] alpha = new double[5];
        for (int i = 0; i < u.data.length; i++) {
            u.data[i] = rng.nextGaussian();
        }
        for (int j = 0; j < alpha.length; j++) {
            alpha[j] = rng.nextGaussian();
        }
        return gated ? new TwoLayerReluNetwork(u, alpha, true, u.copy()) : new TwoLayerReluNetwork(u, alpha, true);
    }

    @Test
    void aFittedNetworkIsCertifiedFromItselfNotFromAFailedInteriorPoint() {
        // relu2 fit's network (planted teacher n = 200, d = 5, beta 0.05; 86 neurons) certified over its own patterns
        // plus 200 sampled: the cone primal-dual route applies there. Started on the raw generators it stopped far off
        // (primal 60.3) and its point went to the augmented Lagrangian, which stalled at convex primal 60.3 and lower
        // bound 0.075; then the working-set ADMM from the network certified it, and since the centered start
        // (ConeCenter) the primal-dual route does. Checked from the returned point.
        LabeledData data = PlantedRelu.generate(200, 5, 3, 0.1, false, 1);
        TwoLayerReluProblem problem = new TwoLayerReluProblem(data.x(), data.y(), Losses.SQUARED, 0.05, false);
        ActivationPatterns initial = PatternSampler.gaussian(problem.featuresView(), 60, 1);
        ConeReluSolver fitter = new ConeReluSolver(ConeReluSolver.Options.defaults()
                .withRelativeTolerance(OPTIMUM_RTOL));
        ReluCuttingPlanes.Result fit = new ReluCuttingPlanes(ReluCuttingPlanes.Options.defaults()
                .with(10, OPTIMUM_RTOL, 1)).solve(problem, initial, false, null, (cv, w) -> fitter.solve(cv, w));
        TwoLayerReluNetwork network = ReluNetworkMapping.toNetwork(fit.convex(), fit.solution().primalPoint());
        NetworkCertifier.Options o = new NetworkCertifier.Options(200, 1,
                ConeReluSolver.Options.defaults().withRelativeTolerance(FITTED_RTOL),
                GatedReluSolver.Options.defaults().withRelativeTolerance(FITTED_RTOL),
                ReluCuttingPlanes.Options.defaults().with(0, FITTED_RTOL, 1));
        NetworkCertifier.NetworkCertificate c = new NetworkCertifier(o).certify(problem, network);
        assertThat(c.solution().status()).isEqualTo(Status.OPTIMAL);
        ConvexReluWeights w = c.solution().primalPoint();
        double primal = c.convex().objective(w);
        assertThat(c.convex().constraintViolation(w)).isLessThanOrEqualTo(FEASIBILITY);
        assertThat(primal).isCloseTo(c.solution().primal(), org.assertj.core.data.Offset.offset(1e-12 * primal));
        assertThat(primal).isLessThanOrEqualTo(c.networkObjective());
        assertThat((primal - c.lowerBound()) / primal).isLessThanOrEqualTo(FITTED_RTOL);
    }

    @Test
    void aRandomReluNetworkIsCertifiedFarAboveTheExactOptimum() {
        TwoLayerReluNetwork net = randomNetwork(false, 1L);
        NetworkCertifier.NetworkCertificate c = new NetworkCertifier(NetworkCertifier.Options.defaults())
                .certify(PROBLEM, net);
        assertThat(c.networkObjective()).isEqualTo(PROBLEM.objective(net));
        assertThat(c.exact()).isTrue();
        assertThat(c.lowerBound()).isLessThanOrEqualTo(c.networkObjective());
        assertThat(c.gap()).isPositive();
        assertThat(c.relativeGap()).isBetween(0.0, 1.0);
        double optimum = new ConeReluSolver(ConeReluSolver.Options.defaults().withRelativeTolerance(1e-9))
                .solve(new ReluConvexProblem(PROBLEM, ArrangementEnumerator.enumerate(PROBLEM.featuresView(), 1000),
                        false)).primal();
        assertThat(Math.abs(c.lowerBound() - optimum)).isLessThanOrEqualTo(OPTIMUM_RTOL * optimum);
    }

    @Test
    void withoutEnumerationTheBoundIsRelativeToTheSampledPatterns() {
        NetworkCertifier.Options o = new NetworkCertifier.Options(30, 2L, ConeReluSolver.Options.defaults(),
                GatedReluSolver.Options.defaults(), new ReluCuttingPlanes.Options(3, 8, 0, 1e-9, 1e-6,
                ViolatedPatternSearch.Options.defaults(), ReluCertificate.Options.defaults()));
        NetworkCertifier.NetworkCertificate c = new NetworkCertifier(o).certify(PROBLEM, randomNetwork(false, 2L));
        assertThat(c.exact()).isFalse();
        assertThat(c.lowerBound()).isLessThanOrEqualTo(c.networkObjective());
        assertThat(c.convex().patterns().count()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aGatedNetworkIsCertifiedOnItsOwnGates() {
        TwoLayerReluNetwork net = randomNetwork(true, 3L);
        NetworkCertifier.NetworkCertificate c = new NetworkCertifier(NetworkCertifier.Options.defaults())
                .certify(PROBLEM, net);
        assertThat(c.exact()).isTrue();
        assertThat(c.convex().gated()).isTrue();
        assertThat(c.lowerBound()).isLessThanOrEqualTo(c.networkObjective());
        assertThat(c.solution().relativeGap()).isLessThanOrEqualTo(1e-6);
    }
}
