package io.dualnet.cli;

import io.dualnet.data.AtomicFiles;
import io.dualnet.data.InvalidInputException;
import io.dualnet.data.OutputSet;
import io.dualnet.data.MatrixFiles;
import io.dualnet.landscape.plane.Plane;
import io.dualnet.landscape.plane.PlaneLandscape;
import io.dualnet.landscape.plane.PlaneModel;
import io.dualnet.landscape.plane.Surface;
import io.dualnet.landscape.plane.SurfaceConvexity;
import io.dualnet.landscape.plane.SurfaceGrid;
import io.dualnet.landscape.plane.SurfaceLoss;
import io.dualnet.report.SurfacePlot;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code dualnet landscape plane}: the mean loss of {@code f(x) = sum_j w2_j max(0, (W1 x)_j)} on the
 * {@code G x G} grid of the plane through three parameter vectors (origin their mean, {@code u = A - B},
 * {@code v = A - C}), or on a filter-normalized random plane, by the first-layer trick of {@link PlaneLandscape}.
 */
@Command(name = "plane", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Loss surface of f(x) = sum_j w2_j max(0, (W1 x)_j) on the plane origin + alpha u + beta v,",
            "origin = (A+B+C)/3, u = A - B, v = A - C, alpha, beta in linspace(-R, R, G) (Zhang et al., Fig. 1, 4).",
            "A parameter vector (.npy, 1-D, float64) is W1 (H x d, row-major) then w2 (H); with --bias W1, b1, w2, b2."})
public final class LandscapePlaneCommand extends LandscapeSubcommand {

    /** Estimated heap bytes per grid point of the JSON {@code points} list. */
    static final long JSON_BYTES_PER_POINT = 240;

    @Option(names = "--x", required = true, paramLabel = "FILE", description = "Inputs X (n x d), CSV or .npy, one sample per row.")
    Path xFile;

    @Option(names = "--y", required = true, paramLabel = "FILE", description = "Labels (n): +-1 for the hinge losses, real for squared.")
    Path yFile;

    @Option(names = "--hidden", required = true, paramLabel = "H", description = "Hidden width H.")
    int hidden;

    @Option(names = "--anchors", required = true, split = ",", paramLabel = "A.npy,B.npy,C.npy",
            description = "Three parameter vectors (one is enough with --plane random: the mean of those given is the origin).")
    List<Path> anchors;

    @Option(names = "--loss", defaultValue = "hinge", description = "hinge, tau-hinge, multiclass-hinge or squared (default ${DEFAULT-VALUE}).")
    String lossName;

    @Option(names = "--tau", defaultValue = "1", description = "tau of tau-hinge: max(0, 1 - y f(x)/tau) (default ${DEFAULT-VALUE}).")
    double tau;

    @Option(names = "--grid", defaultValue = "41", paramLabel = "G", description = "Points per axis (default ${DEFAULT-VALUE}).")
    int grid;

    @Option(names = "--range", defaultValue = "1", paramLabel = "R", description = "alpha, beta in [-R, R] (default ${DEFAULT-VALUE}).")
    double range;

    @Option(names = "--bias", description = "The network has biases b1 (H) and b2 (1): vectors are W1, b1, w2, b2.")
    boolean bias;

    @Option(names = "--normalize", description = "Rescale u and v to the Euclidean norm of C (what the authors' code does).")
    boolean normalize;

    @Option(names = "--plane", defaultValue = "anchors", description = "anchors (through A, B, C) or random (filter-normalized, Li et al. 2018) (default ${DEFAULT-VALUE}).")
    String planeKind;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of --plane random (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: available processors).")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "Write heatmap.png, contour.png and surface.csv (alpha,beta,loss) to DIR.")
    Path out;

    @Option(names = "--json", description = "Print one JSON object (fields documented in README.md).")
    boolean json;

    @Override
    public Integer call() {
        int t = OptionLimits.threads(threads);
        SurfaceLoss loss = new SurfaceLoss(lossName, tau);
        SurfaceGrid g = new SurfaceGrid(grid, range);
        DMatrixRMaj xm = MatrixFiles.readData(xFile, "--x");
        double[] y = MatrixFiles.readVector(yFile, "--y");
        double[][] x = PlaneLandscape.rowsOf(xm);
        PlaneModel model = PlaneModel.oneHidden(xm.numCols, hidden, bias);
        String kind = planeKind.trim().toLowerCase(Locale.ROOT);
        if (!kind.equals("anchors") && !kind.equals("random")) {
            throw new InvalidInputException("--plane", planeKind, "anchors or random");
        }
        if (kind.equals("anchors") ? anchors.size() != 3 : anchors.isEmpty() || anchors.size() > 3) {
            throw new InvalidInputException("--anchors", anchors.size() + " files",
                    kind.equals("anchors") ? "three files A.npy,B.npy,C.npy" : "one to three files");
        }
        long p = model.parameterCount();
        List<double[]> vectors = new ArrayList<>();
        for (int k = 0; k < anchors.size(); k++) {
            double[] w = MatrixFiles.readVector(anchors.get(k), "--anchors");
            if (w.length != p) {
                throw new InvalidInputException("--anchors", anchors.get(k) + " (" + w.length + " entries)",
                        p + " entries: " + (bias ? "H*d + H + H + 1 (W1, b1, w2, b2)" : "H*d + H (W1 then w2)")
                                + " with H = " + hidden + ", d = " + xm.numCols);
            }
            vectors.add(w);
        }
        PlaneLandscape engine = new PlaneLandscape(model, x, y, loss);
        Plane plane = kind.equals("anchors")
                ? Plane.throughAnchors(vectors.get(0), vectors.get(1), vectors.get(2), normalize)
                : Plane.filterNormalized(model, mean(vectors), seed);
        OutputSet outputSet = out == null ? null
                : OutputSet.prepare(out, "--out", "heatmap.png", "contour.png", "surface.csv");
        PlaneLandscape.requireMemory(PlaneLandscape.bytesNeeded(model, x.length, g)
                + (json ? JSON_BYTES_PER_POINT * g.points() : 0), g, x.length);
        Surface s = engine.evaluate(plane, g, t);
        SurfaceConvexity convexity = SurfaceConvexity.of(s);
        List<Map<String, Object>> marks = new ArrayList<>();
        String[] names = {"A", "B", "C"};
        double[][] at = new double[vectors.size()][];
        for (int k = 0; k < vectors.size(); k++) {
            at[k] = plane.coordinatesOf(vectors.get(k));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", names[k]);
            m.put("alpha", at[k][0]);
            m.put("beta", at[k][1]);
            m.put("loss", model.loss(vectors.get(k), x, y, loss));
            marks.add(m);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("n", x.length);
        r.put("d", xm.numCols);
        r.put("hidden", hidden);
        r.put("parameters", p);
        r.put("loss", loss.name());
        r.put("tau", loss.tau());
        r.put("plane", kind);
        r.put("normalize", normalize);
        r.put("grid", grid);
        r.put("range", range);
        r.put("min", s.min());
        r.put("max", s.max());
        r.put("anchors", marks);
        Map<String, Object> conv = new LinkedHashMap<>();
        conv.put("envelope_gap", convexity.envelopeGap());
        conv.put("max_envelope_gap", convexity.maxEnvelopeGap());
        conv.put("psd_fraction", convexity.psdFraction());
        conv.put("local_minima", convexity.localMinima());
        r.put("convexity", conv);
        r.put("threads", t);
        r.put("seconds", s.seconds());
        if (outputSet != null) {
            write(outputSet, s, at, r);
        }
        if (json) {
            List<Map<String, Object>> points = new ArrayList<>(grid * grid);
            for (int j = 0; j < grid; j++) {
                for (int i = 0; i < grid; i++) {
                    Map<String, Object> pt = new LinkedHashMap<>(4);
                    pt.put("alpha", s.alphas()[i]);
                    pt.put("beta", s.betas()[j]);
                    pt.put("loss", s.loss()[j][i]);
                    points.add(pt);
                }
            }
            JsonOutput jo = JsonOutput.object();
            r.forEach(jo::put);
            jo.put("points", points);
            jo.write(out());
        } else {
            out().printf(Locale.ROOT, "loss surface (%s) of a %d-%d-1 ReLU network on %d samples, %s plane, %dx%d grid on"
                    + " [-%s, %s]^2: loss in [%.6g, %.6g], %.3f s (%d threads)%n", loss.name(), xm.numCols, hidden,
                    x.length, kind, grid, grid, fmt(range), fmt(range), s.min(), s.max(), s.seconds(), t);
            for (Map<String, Object> m : marks) {
                out().printf(Locale.ROOT, "  anchor %s at (alpha, beta) = (%.4f, %.4f): loss %.6g%n", m.get("name"),
                        (double) m.get("alpha"), (double) m.get("beta"), (double) m.get("loss"));
            }
            out().printf(Locale.ROOT, "  convexity: gap to the convex envelope %.4f (mean, of max-min), PSD discrete Hessian"
                    + " at %.1f%% of the points, %d local minima%n", convexity.envelopeGap(),
                    100 * convexity.psdFraction(), convexity.localMinima());
            if (out != null) {
                out().println("  written: " + r.get("heatmap_png") + ", " + r.get("contour_png") + ", "
                        + r.get("surface_csv"));
            }
        }
        return 0;
    }

    /** Writes the heat map, the contour map and the surface's CSV into {@code --out}, all or nothing. */
    private void write(OutputSet set, Surface s, double[][] at, Map<String, Object> r) {
        List<String> labels = List.of("A", "B", "C").subList(0, at.length);
        String title = String.format(Locale.ROOT, "%s loss, H = %d", r.get("loss"), hidden);
        List<SurfacePlot.Panel> panel = List.of(new SurfacePlot.Panel(title, s, at, labels));
        byte[] heat = SurfacePlot.png(panel, 1, SurfacePlot.Style.HEAT);
        byte[] contour = SurfacePlot.png(panel, 1, SurfacePlot.Style.CONTOUR);
        StringBuilder csv = new StringBuilder("alpha,beta,loss\n");
        for (int j = 0; j < s.betas().length; j++) {
            for (int i = 0; i < s.alphas().length; i++) {
                csv.append(s.alphas()[i]).append(',').append(s.betas()[j]).append(',').append(s.loss()[j][i])
                        .append('\n');
            }
        }
        try (set) {
            AtomicFiles.write(set.file("heatmap.png"), o -> o.write(heat));
            AtomicFiles.write(set.file("contour.png"), o -> o.write(contour));
            set.writeString("surface.csv", csv.toString());
            set.commit();
        }
        r.put("heatmap_png", out.resolve("heatmap.png").toString());
        r.put("contour_png", out.resolve("contour.png").toString());
        r.put("surface_csv", out.resolve("surface.csv").toString());
    }


    private static double[] mean(List<double[]> vectors) {
        double[] m = new double[vectors.get(0).length];
        for (double[] v : vectors) {
            for (int i = 0; i < m.length; i++) {
                m[i] += v[i] / vectors.size();
            }
        }
        return m;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
