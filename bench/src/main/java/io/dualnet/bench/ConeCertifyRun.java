package io.dualnet.bench;

import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.data.NpyReader;
import io.dualnet.duality.NetworkCertifier;
import io.dualnet.loss.Losses;
import io.dualnet.net.TwoLayerReluNetwork;
import io.dualnet.net.TwoLayerReluProblem;
import io.dualnet.solve.ConeReluSolver;
import io.dualnet.solve.GatedReluSolver;
import io.dualnet.solve.ReluCuttingPlanes;
import io.dualnet.solve.Solution;
import org.ejml.data.DMatrixRMaj;

import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code relu2 certify --patterns P --seed 1 --cuts 0} with every progress report printed: {@link NetworkCertifier}
 * certifies a trained two-layer ReLU network (no bias, squared loss) over its own activation patterns plus {@code P}
 * seeded Gaussian ones, by the cone program (paper 002 Appendix A) warm-started from the network.
 *
 * <p>A plain timing program. The folder is the one {@code bench/scripts/relu2_certify_trained.py --keep DIR} writes:
 * {@code x.npy}, {@code y.npy}, {@code net/first_layer.npy}, {@code net/second_layer.npy}. Run:
 * {@code java -Xmx4g -cp "bench/target/dualnet-bench.jar:bench/target/lib/*" io.dualnet.bench.ConeCertifyRun
 * DIR beta P tolerance maxIterations}.
 */
public final class ConeCertifyRun {
    private ConeCertifyRun() {
    }

    /** Entry point. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 5) {
            throw new IllegalArgumentException("expected DIR beta P tolerance maxIterations, got " + args.length
                    + " arguments");
        }
        Path dir = Path.of(args[0]);
        double beta = Double.parseDouble(args[1]);
        int p = Integer.parseInt(args[2]);
        double tolerance = Double.parseDouble(args[3]);
        int maxIterations = Integer.parseInt(args[4]);
        DMatrixRMaj x = NpyReader.read(dir.resolve("x.npy"), "x");
        DMatrixRMaj y = NpyReader.read(dir.resolve("y.npy"), "y");
        DMatrixRMaj first = NpyReader.read(dir.resolve("net/first_layer.npy"), "first_layer");
        DMatrixRMaj second = NpyReader.read(dir.resolve("net/second_layer.npy"), "second_layer");
        TwoLayerReluProblem problem = new TwoLayerReluProblem(x, y.data.clone(), Losses.SQUARED, beta, false);
        TwoLayerReluNetwork network = new TwoLayerReluNetwork(first, second.data.clone(), false);
        double objective = problem.objective(network);
        System.out.printf(Locale.ROOT, "n = %d, d = %d, beta = %.6g, network objective %.10g, %d sampled patterns, "
                + "tolerance %g, budget %d iterations%n", x.numRows, x.numCols, beta, objective, p, tolerance,
                maxIterations);
        // relu2 certify's options with --patterns P --seed 1 --cuts 0.
        NetworkCertifier.Options options = new NetworkCertifier.Options(p, 1,
                ConeReluSolver.Options.defaults().withRelativeTolerance(tolerance).withMaxIterations(maxIterations),
                GatedReluSolver.Options.defaults().withRelativeTolerance(tolerance).withMaxIterations(maxIterations),
                ReluCuttingPlanes.Options.defaults().with(0, tolerance, 1));
        HeapMonitor monitor = new HeapMonitor(Thread.currentThread());
        monitor.start();
        NetworkCertifier.NetworkCertificate c = new NetworkCertifier(options).certify(problem, network,
                new ProgressPrinter());
        monitor.finish();
        Solution<ConvexReluWeights, double[]> s = c.solution();
        System.out.printf(Locale.ROOT, "RESULT method %s status %s patterns %d iterations %d seconds %.1f primal %.10g "
                        + "dual %.10g relgap %.3e network_gap %.3e peak_live_gb %.2f%n", s.method(), s.status().label(),
                c.convex().patterns().count(), s.iterations(), s.seconds(), s.primal(), s.dual(), s.relativeGap(),
                c.relativeGap(), monitor.peakAfterGc() / 1e9);
    }
}
