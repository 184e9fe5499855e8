package io.dualnet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualnet.data.CsvMatrixWriter;
import io.dualnet.data.NpyWriter;
import io.dualnet.landscape.plane.PlaneModel;
import io.dualnet.landscape.plane.SurfaceLoss;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dualnet landscape plane}: the JSON points on the documented grid, the anchors' losses at their coordinates
 * (recomputed by a full forward pass), the PNGs written, and every bad input one line with exit code 2 and nothing
 * written.
 */
class LandscapeCommandTest {
    private static final double TOL = 1e-10;
    private static final int D = 3;
    private static final int H = 4;

    @TempDir
    Path tmp;

    private final CliHarness cli = new CliHarness();
    private double[][] x;
    private double[] y;
    private double[][] anchors;

    @BeforeEach
    void data() {
        SplittableRandom rng = new SplittableRandom(7);
        x = new double[30][D];
        y = new double[30];
        DMatrixRMaj xm = new DMatrixRMaj(30, D);
        DMatrixRMaj ym = new DMatrixRMaj(30, 1);
        for (int k = 0; k < 30; k++) {
            for (int j = 0; j < D; j++) {
                x[k][j] = rng.nextGaussian();
                xm.set(k, j, x[k][j]);
            }
            y[k] = rng.nextBoolean() ? 1 : -1;
            ym.set(k, 0, y[k]);
        }
        CsvMatrixWriter.write(tmp.resolve("x.csv"), xm);
        CsvMatrixWriter.write(tmp.resolve("y.csv"), ym);
        anchors = new double[4][H * D + H];
        String[] names = {"a", "b", "c", "long"};
        for (int k = 0; k < 4; k++) {
            int p = k == 3 ? H * D + H + 1 : H * D + H;
            anchors[k] = new double[p];
            DMatrixRMaj v = new DMatrixRMaj(p, 1);
            for (int i = 0; i < p; i++) {
                anchors[k][i] = rng.nextGaussian();
                v.set(i, 0, anchors[k][i]);
            }
            NpyWriter.write(tmp.resolve(names[k] + ".npy"), v);
        }
        NpyWriter.write(tmp.resolve("a2.npy"), new DMatrixRMaj(anchors[0].length, 1, true, anchors[0]));
    }

    private String f(String name) {
        return tmp.resolve(name).toString();
    }

    @Test
    void pointsAnchorsAndPictures() throws Exception {
        Path out = tmp.resolve("out");
        assertThat(cli.run("landscape", "plane", "--x", f("x.csv"), "--y", f("y.csv"), "--hidden", "" + H,
                "--anchors", f("a.npy") + "," + f("b.npy") + "," + f("c.npy"), "--loss", "hinge", "--tau", "1",
                "--grid", "7", "--range", "1", "--out", out.toString(), "--json")).as(cli.err()).isZero();
        JsonNode j = cli.json();
        JsonNode points = j.get("points");
        assertThat(points.size()).isEqualTo(49);
        assertThat(points.get(0).get("alpha").asDouble()).isEqualTo(-1.0);
        assertThat(points.get(1).get("alpha").asDouble()).isCloseTo(-2.0 / 3, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(points.get(7).get("beta").asDouble()).isCloseTo(-2.0 / 3, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(j.get("seconds").asDouble()).isNotNegative();
        PlaneModel model = PlaneModel.oneHidden(D, H, false);
        SurfaceLoss loss = new SurfaceLoss("hinge", 1);
        // A at (1/3, 1/3): index i = j = 4 of linspace(-1, 1, 7).
        double lossA = model.loss(anchors[0], x, y, loss);
        assertThat(points.get(4 * 7 + 4).get("loss").asDouble()).isCloseTo(lossA, org.assertj.core.data.Offset.offset(TOL));
        assertThat(j.get("anchors").get(0).get("loss").asDouble()).isCloseTo(lossA, org.assertj.core.data.Offset.offset(TOL));
        assertThat(j.get("anchors").get(1).get("alpha").asDouble()).isCloseTo(-2.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
        for (String png : new String[] {"heatmap_png", "contour_png"}) {
            BufferedImage image = ImageIO.read(Path.of(j.get(png).asText()).toFile());
            assertThat(image.getWidth()).isGreaterThan(300);
        }
        assertThat(Files.readAllLines(out.resolve("surface.csv"))).hasSize(50);
    }

    @Test
    void randomPlaneAndHumanOutput() {
        assertThat(cli.run("landscape", "plane", "--x", f("x.csv"), "--y", f("y.csv"), "--hidden", "" + H,
                "--anchors", f("a.npy"), "--plane", "random", "--grid", "5", "--range", "0.5", "--threads", "1"))
                .as(cli.err()).isZero();
        assertThat(cli.out()).contains("random plane").contains("anchor A at (alpha, beta) = (0.0000, 0.0000)");
    }

    @Test
    void badInputIsOneLineExitTwoAndWritesNothing() {
        Path dir = tmp.resolve("nothing");
        String abc = f("a.npy") + "," + f("b.npy") + "," + f("c.npy");
        String[][] cases = {
            {"--anchors", f("a.npy") + "," + f("a2.npy") + "," + f("c.npy")},
            {"--anchors", f("a.npy") + "," + f("b.npy") + "," + f("long.npy")},
            {"--anchors", f("a.npy") + "," + f("b.npy")},
            {"--anchors", abc, "--grid", "40000"},
            {"--anchors", abc, "--range", "1e300"},
            {"--anchors", abc, "--loss", "logistic"},
            {"--anchors", abc, "--loss", "multiclass-hinge"},
            {"--anchors", abc, "--plane", "sideways"},
            {"--anchors", abc, "--bias"},
        };
        String[] mustName = {"anchors A and B are equal", "H*d + H", "three files", "MiB", "--range", "--loss",
            "one output per class", "--plane", "--anchors"};
        for (int i = 0; i < cases.length; i++) {
            String[] args = new String[cases[i].length + 10];
            String[] head = {"landscape", "plane", "--x", f("x.csv"), "--y", f("y.csv"), "--hidden", "" + H, "--out",
                dir.toString()};
            System.arraycopy(head, 0, args, 0, head.length);
            System.arraycopy(cases[i], 0, args, head.length, cases[i].length);
            args = java.util.Arrays.copyOf(args, head.length + cases[i].length);
            assertThat(cli.run(args)).as(String.join(" ", args)).isEqualTo(Main.BAD_INPUT);
            // exactly one error line; picocli's "Try ... --help" hint may follow a parameter error
            assertThat(cli.err().lines().filter(l -> l.startsWith("dualnet: error:")).count()).as(cli.err())
                    .isEqualTo(1);
            assertThat(cli.err().lines().filter(l -> !l.startsWith("dualnet: error:") && !l.startsWith("Try "))
                    .count()).as(cli.err()).isZero();
            assertThat(cli.err()).contains(mustName[i]).doesNotContain("Exception");
        }
        assertThat(Files.exists(dir.resolve("heatmap.png"))).isFalse();
    }
}
