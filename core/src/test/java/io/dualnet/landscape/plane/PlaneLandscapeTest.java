package io.dualnet.landscape.plane;

import io.dualnet.data.InvalidInputException;
import io.dualnet.net.Activation;
import io.dualnet.net.BranchArchitecture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The plane engine against a full forward pass at every grid point on random instances (one hidden layer with and
 * without biases, averaged multi-branch networks with deeper branches and several outputs, all four losses), its
 * independence of the thread count, the plane's geometry (the origin and the three anchors reproduce their own losses
 * at {@code (0,0)}, {@code (1/3,1/3)}, {@code (-2/3,1/3)}, {@code (1/3,-2/3)}) and its bad inputs.
 */
class PlaneLandscapeTest {
    /** Agreement of the two routes: they differ only by the order of the first layer's floating-point sums. */
    private static final double RTOL = 1e-11;

    @ParameterizedTest
    @CsvSource({
        "hinge, 1, 5-7-1, 1, false, 11",
        "tau-hinge, 0.5, 4-9-1, 1, true, 12",
        "squared, 1, 6-3-1, 1, false, 13",
        "multiclass-hinge, 1, 5-4-3, 6, false, 14",
        "multiclass-hinge, 1, 5-3-3-3-4, 4, true, 15",
        "squared, 1, 3-2-2-3, 5, false, 16",
        "hinge, 1, 4-3-2-1, 7, true, 17",
        "tau-hinge, 0.7, 4-5-1, 3, true, 18"})
    void trickEqualsFullForwardPass(String lossName, double tau, String spec, int branches, boolean bias, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        BranchArchitecture a = BranchArchitecture.parse("b", spec + ":relu" + (bias ? ":bias" : ""));
        List<BranchArchitecture> list = new ArrayList<>();
        for (int i = 0; i < branches; i++) {
            list.add(a);
        }
        PlaneModel model = new PlaneModel(list, branches == 1 ? 1 : 1.0 / branches);
        SurfaceLoss loss = new SurfaceLoss(lossName, tau);
        int n = 37;
        double[][] x = gaussian(rng, n, a.inputDim());
        double[] y = labels(rng, n, a.outputDim(), loss);
        int p = (int) model.parameterCount();
        Plane plane = Plane.throughAnchors(vector(rng, p), vector(rng, p), vector(rng, p), seed % 2 == 0);
        PlaneLandscape engine = new PlaneLandscape(model, x, y, loss);
        SurfaceGrid grid = new SurfaceGrid(9, 1.5);
        Surface fast = engine.evaluate(plane, grid, 2);
        Surface slow = engine.evaluateNaive(plane, grid, 2);
        for (int j = 0; j < 9; j++) {
            for (int i = 0; i < 9; i++) {
                assertThat(fast.loss()[j][i]).isCloseTo(slow.loss()[j][i],
                        org.assertj.core.data.Offset.offset(RTOL * Math.max(1, Math.abs(slow.loss()[j][i]))));
            }
        }
        assertThat(fast.max()).isGreaterThan(fast.min());
        Surface one = engine.evaluate(plane, grid, 1);
        Surface three = engine.evaluate(plane, grid, 3);
        assertThat(three.loss()).isDeepEqualTo(one.loss());
        assertThat(fast.loss()).isDeepEqualTo(one.loss());
    }

    @Test
    void originAndAnchorsSitAtTheirCoordinates() {
        SplittableRandom rng = new SplittableRandom(3);
        PlaneModel model = PlaneModel.oneHidden(4, 6, false);
        SurfaceLoss loss = new SurfaceLoss("hinge", 1);
        double[][] x = gaussian(rng, 50, 4);
        double[] y = labels(rng, 50, 1, loss);
        int p = (int) model.parameterCount();
        double[][] anchors = {vector(rng, p), vector(rng, p), vector(rng, p)};
        Plane plane = Plane.throughAnchors(anchors[0], anchors[1], anchors[2], false);
        // linspace(-1, 1, 7) holds -2/3, 0, 1/3.
        Surface s = new PlaneLandscape(model, x, y, loss).evaluate(plane, new SurfaceGrid(7, 1), 2);
        double[][] at = Plane.anchorCoordinates();
        for (int k = 0; k < 3; k++) {
            int i = (int) Math.round((at[k][0] + 1) * 3);
            int j = (int) Math.round((at[k][1] + 1) * 3);
            assertThat(s.alphas()[i]).isCloseTo(at[k][0], org.assertj.core.data.Offset.offset(1e-15));
            assertThat(s.loss()[j][i]).isCloseTo(model.loss(anchors[k], x, y, loss),
                    org.assertj.core.data.Offset.offset(RTOL));
        }
        double[] mean = new double[p];
        for (int q = 0; q < p; q++) {
            mean[q] = (anchors[0][q] + anchors[1][q] + anchors[2][q]) / 3;
        }
        assertThat(s.loss()[3][3]).isCloseTo(model.loss(mean, x, y, loss), org.assertj.core.data.Offset.offset(RTOL));
    }

    @Test
    void filterNormalizedDirectionsMatchFilterNorms() {
        SplittableRandom rng = new SplittableRandom(4);
        PlaneModel model = PlaneModel.oneHidden(3, 5, true);
        double[] w = vector(rng, (int) model.parameterCount());
        Plane plane = Plane.filterNormalized(model, w, 9);
        for (int r = 0; r < 5; r++) {
            assertThat(norm(plane.u(), r * 3, 3)).isCloseTo(norm(w, r * 3, 3), org.assertj.core.data.Offset.offset(1e-12));
            assertThat(norm(plane.v(), r * 3, 3)).isCloseTo(norm(w, r * 3, 3), org.assertj.core.data.Offset.offset(1e-12));
        }
        assertThat(norm(plane.u(), 15, 5)).isZero();
        assertThat(plane.u()).isNotEqualTo(plane.v());
        assertThat(Plane.filterNormalized(model, w, 9).u()).isEqualTo(plane.u());
    }

    @Test
    void degeneratePlanesSayWhich() {
        double[] a = {1, 2, 3};
        double[] b = {0, 1, 1};
        assertThatThrownBy(() -> Plane.throughAnchors(a, a.clone(), b, false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("anchors A and B are equal");
        assertThatThrownBy(() -> Plane.throughAnchors(a, b, b.clone(), false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("anchors B and C are equal");
        double[] c = {2, 3, 5};
        assertThatThrownBy(() -> Plane.throughAnchors(a, b, c, false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("collinear");
        assertThatThrownBy(() -> Plane.throughAnchors(a, b, new double[] {1, 2}, false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--anchors");
    }

    @Test
    void badSizesRangesAndGridsAreRejected() {
        SplittableRandom rng = new SplittableRandom(5);
        PlaneModel model = PlaneModel.oneHidden(2, 3, false);
        SurfaceLoss loss = new SurfaceLoss("hinge", 1);
        double[][] x = gaussian(rng, 20, 2);
        double[] y = labels(rng, 20, 1, loss);
        PlaneLandscape engine = new PlaneLandscape(model, x, y, loss);
        Plane wrong = Plane.throughAnchors(vector(rng, 8), vector(rng, 8), vector(rng, 8), false);
        assertThatThrownBy(() -> engine.evaluate(wrong, new SurfaceGrid(3, 1), 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--anchors")
                .hasMessageContaining("9 entries");
        Plane ok = Plane.throughAnchors(vector(rng, 9), vector(rng, 9), vector(rng, 9), false);
        assertThatThrownBy(() -> engine.evaluate(ok, new SurfaceGrid(40_000, 1), 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--grid").hasMessageContaining("MiB");
        assertThatThrownBy(() -> engine.evaluate(ok, new SurfaceGrid(3, 1e300), 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--range");
        assertThatThrownBy(() -> new SurfaceGrid(0, 1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new SurfaceLoss("logistic", 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--loss");
        assertThatThrownBy(() -> new PlaneLandscape(model, x, new double[20], loss))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--y");
    }

    static double[][] gaussian(SplittableRandom rng, int n, int d) {
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        return x;
    }

    static double[] labels(SplittableRandom rng, int n, int outputs, SurfaceLoss loss) {
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            y[k] = loss.classIndexLabels(outputs) ? rng.nextInt(outputs)
                    : loss.name().equals("squared") ? rng.nextGaussian() : rng.nextBoolean() ? 1 : -1;
        }
        return y;
    }

    static double[] vector(SplittableRandom rng, int p) {
        double[] v = new double[p];
        for (int i = 0; i < p; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    private static double norm(double[] v, int from, int len) {
        double s = 0;
        for (int i = from; i < from + len; i++) {
            s += v[i] * v[i];
        }
        return Math.sqrt(s);
    }
}
