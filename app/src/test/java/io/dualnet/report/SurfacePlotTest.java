package io.dualnet.report;

import io.dualnet.experiment.ZhangLandscape;
import io.dualnet.landscape.plane.Surface;
import io.dualnet.landscape.plane.SurfaceConvexity;
import io.dualnet.landscape.plane.SurfaceGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Surface pictures: the PNG is written with one cell per panel, the colour bar runs from the lowest value (bottom) to
 * the highest (top), an anchor is marked where it lies; and the landscape verdict follows the measured envelope gaps.
 */
class SurfacePlotTest {

    @TempDir
    Path tmp;

    private static Surface bowl(double curvature) {
        SurfaceGrid g = new SurfaceGrid(21, 1);
        double[] c = g.coordinates();
        double[][] v = new double[21][21];
        for (int j = 0; j < 21; j++) {
            for (int i = 0; i < 21; i++) {
                v[j][i] = curvature * (c[i] * c[i] + c[j] * c[j]) + (Math.cos(6 * c[i]) + 0.2 * c[j] * c[j]) * (1 - curvature);
            }
        }
        return new Surface(c, c.clone(), v, 0);
    }

    @Test
    void writesPanelsWithColourBarAndAnchors() throws Exception {
        Surface s = bowl(1);
        SurfacePlot.Panel p = new SurfacePlot.Panel("bowl", s, new double[][] {{0, 0}, {5, 5}}, List.of("O", "far"));
        Path file = SurfacePlot.savePng(List.of(p, p), 2, SurfacePlot.Style.HEAT, tmp.resolve("s.png"));
        BufferedImage image = ImageIO.read(file.toFile());
        BufferedImage one = ImageIO.read(new java.io.ByteArrayInputStream(
                SurfacePlot.png(List.of(p), 1, SurfacePlot.Style.CONTOUR)));
        assertThat(image.getWidth()).isEqualTo(2 * one.getWidth());
        assertThat(image.getHeight()).isEqualTo(one.getHeight());
        // The anchor at the origin: a red ring around the panel's centre (46 + 150, 26 + 150).
        int red = 0;
        for (int dy = -6; dy <= 6; dy++) {
            for (int dx = -6; dx <= 6; dx++) {
                Color c = new Color(image.getRGB(196 + dx, 176 + dy));
                red += c.getRed() > 120 && c.getGreen() < 60 && c.getBlue() < 60 ? 1 : 0;
            }
        }
        assertThat(red).isPositive();
        // Colour bar (x = 46 + 300 + 12 + 7): top is the highest value (viridis yellow), bottom the lowest (purple).
        Color top = new Color(image.getRGB(365, 27));
        Color bottom = new Color(image.getRGB(365, 325));
        assertThat(top.getRed() + top.getGreen()).isGreaterThan(bottom.getRed() + bottom.getGreen());
    }

    @Test
    void logScaleInvertsAndPutsTheMinimumAtTheBottom() {
        for (double v : new double[] {2.0, 2.01, 2.5, 7.0}) {
            double t = SurfacePlot.toUnit(v, 2, 5, true);
            assertThat(t).isBetween(0.0, 1.0);
            assertThat(SurfacePlot.fromUnit(t, 2, 5, true)).isCloseTo(v == 2.0 ? 2.0 : v,
                    org.assertj.core.data.Offset.offset(1e-12));
        }
        assertThat(SurfacePlot.toUnit(2, 2, 5, true)).isZero();
        assertThat(SurfacePlot.toUnit(7, 2, 5, true)).isEqualTo(1.0);
        assertThat(SurfacePlot.png(List.of(new SurfacePlot.Panel("log", bowl(1), new double[0][], List.of())), 1,
                SurfacePlot.Style.HEAT_LOG)).isNotEmpty();
    }

    @Test
    void verdictFollowsTheEnvelopeGapOfTheAuthorsViewAndStatesTheCounterexample() {
        Surface wavy = bowl(0);
        Surface convex = bowl(1);
        ZhangLandscape.Panel a = panel(1, wavy, 1);
        ZhangLandscape.Panel b = panel(100, convex, 3);
        SectionResult holds = new SectionResult();
        ZhangLandscapeSection.verdict(holds, "claim", List.of(a, b));
        assertThat(holds.verdicts().get(0).outcome()).isEqualTo(Outcome.HOLDS);
        assertThat(holds.verdicts().get(0).detail()).doesNotContain("Counterexample")
                .contains("Jensen ratio 3.000: the loss is not convex on the triangle");
        SectionResult fails = new SectionResult();
        ZhangLandscapeSection.verdict(fails, "claim", List.of(b, a));
        assertThat(fails.verdicts().get(0).outcome()).isEqualTo(Outcome.FAILS);
        assertThat(fails.verdicts().get(0).detail()).contains("Counterexample: at I = 1 the authors' view has "
                + String.format(java.util.Locale.ROOT, "envelope gap %.4f", SurfaceConvexity.of(wavy).envelopeGap()))
                .contains("Jensen ratio 1.000, <= 1 as for a convex loss");
    }

    /** A panel whose two views show {@code s} and whose loss at the mean is {@code originLoss} (anchors at 1). */
    private static ZhangLandscape.Panel panel(int branches, Surface s, double originLoss) {
        ZhangLandscape.View view = new ZhangLandscape.View(1, false, new double[3][2], s, SurfaceConvexity.of(s));
        return new ZhangLandscape.Panel(branches, new double[] {1, 1, 1}, originLoss, view, view, 0);
    }
}
