package io.dualnet.cli;

import io.dualnet.data.InputLimits;
import io.dualnet.data.InvalidInputException;
import io.dualnet.data.OutputSet;
import io.dualnet.landscape.MinkowskiAverage;
import io.dualnet.report.LinePlot;
import io.dualnet.report.PanelFigure;
import io.dualnet.report.ShapleyFolkmanFigures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code dualnet multibranch shapley-folkman}: Figure 3 of Zhang, Shao, Salakhutdinov (the {@code l_1/2} ball, the
 * Minkowski averages of 2 and 10 copies, the convex hull) as a PNG, and the measured non-convexity (Hausdorff
 * distance to the hull) against the number of copies ({@link MinkowskiAverage}).
 */
@Command(name = "shapley-folkman", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The Shapley-Folkman picture (Zhang et al., Figure 3) and its measured non-convexity.",
            "Minkowski averages of k copies of the l_p ball approach its convex hull: writes figure3.png and",
            "nonconvexity.png/.svg and prints the Hausdorff distance to the hull for each k (exactly d_1 / k)."})
public final class MultibranchShapleyFolkmanCommand extends MultibranchSubcommand {

    @Option(names = "--p", defaultValue = "0.5", description = "Exponent of the l_p ball, 0 < p <= 1 (default ${DEFAULT-VALUE}).")
    double p;

    @Option(names = "--copies", split = ",", paramLabel = "k1,k2,..", description = "Panels: numbers of copies averaged (default 1,2,10).")
    int[] copies;

    @Option(names = "--max-copies", defaultValue = "64", description = "Largest k of the non-convexity curve (default ${DEFAULT-VALUE}).")
    int maxCopies;

    @Option(names = "--samples", defaultValue = "5000", description = "Points drawn uniformly in each set to fill it (default ${DEFAULT-VALUE}; 0 for outlines only).")
    int samples;

    @Option(names = "--resolution", defaultValue = "400", description = "Points per hull edge of the distance measurement (default ${DEFAULT-VALUE}).")
    int resolution;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the samples (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "shapley-folkman", description = "Output directory (default ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--json", description = "Print one JSON object (fields in README.md).")
    boolean json;

    @Override
    public Integer call() {
        if (!(p > 0 && p <= 1)) {
            throw new InvalidInputException("--p", p, "an exponent in (0, 1]");
        }
        MinkowskiAverage ball = new MinkowskiAverage(p);
        int[] panels = copies == null ? new int[] {1, 2, 10} : copies;
        for (int k : panels) {
            InvalidInputException.requireAtLeast("--copies", k, 1);
        }
        InvalidInputException.requireAtLeast("--max-copies", maxCopies, 1);
        InvalidInputException.requireAtLeast("--samples", samples, 0);
        InputLimits.requireAllocatable("--samples", null, samples + " points per panel", 2L * samples);
        InvalidInputException.requireAtLeast("--resolution", resolution, 8);
        if (maxCopies > 4096) {
            throw new InvalidInputException("--max-copies", maxCopies, "at most 4096");
        }
        Path figure = outDir.resolve("figure3.png");
        Path png = outDir.resolve("nonconvexity.png");
        Path svg = outDir.resolve("nonconvexity.svg");
        double[][] curve;
        try (OutputSet set = OutputSet.prepare(outDir, "--out", "figure3.png", "nonconvexity.png",
                "nonconvexity.svg")) {
            List<LinePlot> plots = ShapleyFolkmanFigures.panels(ball, panels, samples, seed);
            PanelFigure.savePng(plots, plots.size(), set.file("figure3.png"));
            curve = ShapleyFolkmanFigures.nonconvexity(ball, ShapleyFolkmanFigures.copiesUpTo(maxCopies), resolution);
            LinePlot plot = ShapleyFolkmanFigures.nonconvexityPlot(ball, curve);
            plot.savePng(set.file("nonconvexity.png"));
            plot.saveSvg(set.file("nonconvexity.svg"));
            set.commit();
        }
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < curve[0].length; i++) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("k", (int) curve[0][i]);
                m.put("hausdorff", curve[1][i]);
                m.put("predicted", curve[2][i]);
                rows.add(m);
            }
            JsonOutput.object().put("p", p).put("copies", panels).put("hausdorff", rows).put("figure", figure)
                    .put("nonconvexity_png", png).put("nonconvexity_svg", svg).write(out());
        } else {
            out().printf(Locale.ROOT, "Minkowski averages of the l_%s ball: Hausdorff distance to the convex hull%n", p);
            out().printf(Locale.ROOT, "  %6s %14s %14s%n", "k", "measured", "d_1 / k");
            for (int i = 0; i < curve[0].length; i++) {
                out().printf(Locale.ROOT, "  %6d %14.8f %14.8f%n", (int) curve[0][i], curve[1][i], curve[2][i]);
            }
            out().println("  wrote " + figure + ", " + png + ", " + svg);
        }
        return 0;
    }
}
