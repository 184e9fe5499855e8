package io.dualnet.cli;

import io.dualnet.data.InvalidInputException;
import io.dualnet.landscape.plane.Plane;
import io.dualnet.landscape.plane.PlaneLandscape;
import io.dualnet.landscape.plane.PlaneModel;
import io.dualnet.landscape.plane.Surface;
import io.dualnet.landscape.plane.SurfaceGrid;
import io.dualnet.landscape.plane.SurfaceLoss;
import io.dualnet.linalg.Linalg;
import io.dualnet.opt.Parallel;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code dualnet landscape bench}: the plane engine's first-layer trick against a full forward pass per grid point,
 * in one run on the same seeded data, network, plane and loss. The engine evaluates the whole {@code G x G} grid;
 * the two full-forward-pass routes (a BLAS product {@code X W_1(alpha, beta)^T} per point, and the per-sample
 * {@link io.dualnet.net.MlpBranch#forward} loop) evaluate {@code --naive-points} points of the grid's diagonal, whose
 * time per point is extrapolated to the whole grid and whose values are checked against the engine's.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Speed of the landscape engine (first-layer trick) against a full forward pass per grid point,",
            "measured in one run on seeded Gaussian data with +-1 labels and a random plane (hinge loss)."})
public final class LandscapeBenchCommand extends LandscapeSubcommand {

    @Option(names = "--n", defaultValue = "10000", description = "Samples (default ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--d", defaultValue = "784", description = "Input dimension (default ${DEFAULT-VALUE}, Fashion-MNIST's).")
    int d;

    @Option(names = "--hidden", defaultValue = "1000", description = "Hidden width H (default ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--grid", defaultValue = "101", description = "Points per axis of the engine's grid (default ${DEFAULT-VALUE}).")
    int grid;

    @Option(names = "--naive-points", defaultValue = "8", description = "Grid points evaluated by each full-forward-pass route (default ${DEFAULT-VALUE}).")
    int naivePoints;

    @Option(names = "--threads", description = "Worker threads for every route (default: available processors).")
    Integer threads;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print one JSON object (fields documented in README.md).")
    boolean json;

    @Override
    public Integer call() {
        int t = OptionLimits.threads(threads);
        InvalidInputException.requireAtLeast("--n", n, 1);
        InvalidInputException.requireAtLeast("--d", d, 1);
        InvalidInputException.requireAtLeast("--naive-points", naivePoints, 1);
        SurfaceGrid g = new SurfaceGrid(grid, 1);
        if (naivePoints > grid) {
            throw new InvalidInputException("--naive-points", naivePoints, "at most --grid = " + grid);
        }
        PlaneModel model = PlaneModel.oneHidden(d, hidden, false);
        PlaneLandscape.requireMemory(PlaneLandscape.bytesNeeded(model, n, g) + 8L * n * d * 2 + 8L * n * hidden * t,
                g, n);
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < d; j++) {
                x[k][j] = rng.nextGaussian();
            }
            y[k] = rng.nextBoolean() ? 1 : -1;
        }
        int p = (int) model.parameterCount();
        double[][] anchors = new double[3][p];
        for (double[] a : anchors) {
            for (int i = 0; i < p; i++) {
                a[i] = rng.nextGaussian() / Math.sqrt(i < hidden * d ? d : hidden);
            }
        }
        Plane plane = Plane.throughAnchors(anchors[0], anchors[1], anchors[2], false);
        SurfaceLoss loss = new SurfaceLoss("hinge", 1);
        PlaneLandscape engine = new PlaneLandscape(model, x, y, loss);
        Surface fast = engine.evaluate(plane, g, t);
        int[] picks = new int[naivePoints];
        for (int k = 0; k < naivePoints; k++) {
            picks[k] = naivePoints == 1 ? grid / 2 : (int) Math.round((double) k * (grid - 1) / (naivePoints - 1));
        }
        DMatrixRMaj xm = new DMatrixRMaj(n, d);
        for (int k = 0; k < n; k++) {
            System.arraycopy(x[k], 0, xm.data, k * d, d);
        }
        long s0 = System.nanoTime();
        double blasDiff = 0;
        for (int k : picks) {
            double v = blasLoss(xm, y, plane.point(g.coordinate(k), g.coordinate(k)), t);
            blasDiff = Math.max(blasDiff, Math.abs(v - fast.loss()[k][k]));
        }
        double blasPerPoint = (System.nanoTime() - s0) * 1e-9 / naivePoints;
        long s1 = System.nanoTime();
        List<Double> loopValues = Parallel.map(naivePoints, t,
                k -> model.loss(plane.point(g.coordinate(picks[k]), g.coordinate(picks[k])), x, y, loss));
        double loopPerPoint = (System.nanoTime() - s1) * 1e-9 / naivePoints;
        double loopDiff = 0;
        for (int k = 0; k < naivePoints; k++) {
            loopDiff = Math.max(loopDiff, Math.abs(loopValues.get(k) - fast.loss()[picks[k]][picks[k]]));
        }
        double enginePerPoint = fast.seconds() / g.points();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("n", n);
        r.put("d", d);
        r.put("hidden", hidden);
        r.put("grid", grid);
        r.put("threads", t);
        r.put("engine_seconds", fast.seconds());
        r.put("engine_seconds_per_point", enginePerPoint);
        r.put("blas_forward_seconds_per_point", blasPerPoint);
        r.put("loop_forward_seconds_per_point", loopPerPoint);
        r.put("blas_forward_seconds_extrapolated", blasPerPoint * g.points());
        r.put("loop_forward_seconds_extrapolated", loopPerPoint * g.points());
        r.put("speedup_vs_blas_forward", blasPerPoint / enginePerPoint);
        r.put("speedup_vs_loop_forward", loopPerPoint / enginePerPoint);
        r.put("naive_points", naivePoints);
        r.put("max_abs_difference", Math.max(blasDiff, loopDiff));
        r.put("backend", Linalg.get().name());
        if (json) {
            JsonOutput jo = JsonOutput.object();
            r.forEach(jo::put);
            jo.write(out());
        } else {
            out().printf(Locale.ROOT, "landscape of a %d-%d-1 ReLU network on %d samples, %dx%d grid, %d threads (%s)%n",
                    d, hidden, n, grid, grid, t, Linalg.get().name());
            out().printf(Locale.ROOT, "  engine (first-layer trick): %.2f s for the grid, %.3f ms per point%n",
                    fast.seconds(), 1e3 * enginePerPoint);
            out().printf(Locale.ROOT, "  full forward pass, BLAS X W1^T per point: %.3f ms per point (%d points), grid"
                    + " extrapolated %.0f s: engine %.1fx faster%n", 1e3 * blasPerPoint, naivePoints,
                    blasPerPoint * g.points(), blasPerPoint / enginePerPoint);
            out().printf(Locale.ROOT, "  full forward pass, per-sample loop: %.3f ms per point (%d points), grid"
                    + " extrapolated %.0f s: engine %.1fx faster%n", 1e3 * loopPerPoint, naivePoints,
                    loopPerPoint * g.points(), loopPerPoint / enginePerPoint);
            out().printf(Locale.ROOT, "  largest difference of the losses on the shared points: %.2e%n",
                    Math.max(blasDiff, loopDiff));
        }
        return 0;
    }

    /** The hinge loss of the one-hidden-layer network {@code w} by a full forward pass with a BLAS product. */
    private double blasLoss(DMatrixRMaj xm, double[] y, double[] w, int t) {
        DMatrixRMaj w1 = new DMatrixRMaj(hidden, d);
        System.arraycopy(w, 0, w1.data, 0, hidden * d);
        DMatrixRMaj z = Linalg.get().multTransB(xm, w1);
        List<Double> parts = Parallel.map(t, t, part -> {
            double s = 0;
            for (int k = part * n / t; k < (part + 1) * n / t; k++) {
                double f = 0;
                for (int j = 0; j < hidden; j++) {
                    double v = z.data[k * hidden + j];
                    f += v > 0 ? w[hidden * d + j] * v : 0;
                }
                s += Math.max(0, 1 - y[k] * f);
            }
            return s;
        });
        double s = 0;
        for (double v : parts) {
            s += v;
        }
        return s / n;
    }
}
