package io.dualnet.experiment;

import io.dualnet.data.FashionMnist;
import io.dualnet.data.InvalidInputException;
import io.dualnet.data.LabeledData;
import io.dualnet.data.PlantedRelu;
import io.dualnet.data.Standardizer;
import io.dualnet.landscape.plane.Plane;
import io.dualnet.landscape.plane.PlaneLandscape;
import io.dualnet.landscape.plane.PlaneModel;
import io.dualnet.landscape.plane.Surface;
import io.dualnet.landscape.plane.SurfaceConvexity;
import io.dualnet.landscape.plane.SurfaceGrid;
import io.dualnet.landscape.plane.SurfaceLoss;
import io.dualnet.net.BranchArchitecture;
import io.dualnet.reg.BranchRegularizer;
import io.dualnet.train.MultibranchTrainer;
import io.dualnet.train.MultibranchTrainingResult;
import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * The loss-landscape experiments of Zhang, Shao, Salakhutdinov (Figure 1: synthetic teacher; Figure 4:
 * Fashion-MNIST in place of MNIST/CIFAR-10): for a branch architecture and a branch count {@code I}, train three
 * networks {@code f = (1/I) sum_i f_i} by SGD from three seeds ({@link MultibranchTrainer}), then evaluate the loss on
 * the plane through them (origin their mean, {@code u = A - B}, {@code v = A - C}; the authors' code, spec 2.5) with
 * {@link PlaneLandscape}, and measure its convexity ({@link SurfaceConvexity}).
 *
 * <p><b>Choices the paper leaves open</b> (stated in the report): SGD with momentum 0.9, batch 100, no weight
 * decay, learning rate {@code lr0 * I} (the average over branches scales each branch's gradient by {@code 1/I}; the
 * factor {@code I} gives every width the same per-branch step), initial weights {@code N(0, 1/fan_in)}.
 */
public final class ZhangLandscape {
    /** SGD momentum. */
    public static final double MOMENTUM = 0.9;
    /** Mini-batch size. */
    public static final int BATCH = 100;
    /** Teacher hidden units of Figure 1. */
    public static final int TEACHER_UNITS = 11;
    /** Input dimension of Figure 1. */
    public static final int TEACHER_DIM = 10;

    private ZhangLandscape() {
    }

    /**
     * One panel: the three trained networks and the surface through them.
     *
     * @param branches {@code I}
     * @param anchorLosses the training losses of the three networks (full data)
     * @param anchors the {@code (alpha, beta)} of the three networks in the plane
     * @param originLoss the loss at the origin (the mean of the three networks)
     * @param surface the surface
     * @param convexity its statistics
     * @param trainSeconds wall time of the three trainings
     */
    public record Panel(int branches, double[] anchorLosses, double[][] anchors, double originLoss, Surface surface,
                        SurfaceConvexity convexity, double trainSeconds) {

        /**
         * {@code f(mean of A, B, C) / mean(f(A), f(B), f(C))}: at most 1 when the loss is convex on the triangle
         * (Jensen); above 1 when the average of the three solutions is worse than the solutions.
         */
        public double jensenRatio() {
            return originLoss / ((anchorLosses[0] + anchorLosses[1] + anchorLosses[2]) / 3);
        }
    }

    /**
     * The synthetic data of Figure 1: {@code n} points {@code x ~ N(0, I_10)}, labels {@code sign(f*(x))} of the
     * planted teacher with 11 ReLU units ({@link PlantedRelu}: {@code g_j ~ N(0, I/d)}, output weights {@code +-1}).
     */
    public static LabeledData teacher(int samples, long seed) {
        LabeledData t = PlantedRelu.generate(samples, TEACHER_DIM, TEACHER_UNITS, 0, false, seed);
        double[] y = new double[samples];
        for (int k = 0; k < samples; k++) {
            y[k] = t.y()[k] > 0 ? 1 : -1;
        }
        return new LabeledData(t.x(), y);
    }

    /**
     * The first {@code samples} Fashion-MNIST training images, standardized per pixel (constant pixels left at 0),
     * labels {@code 0..9}.
     *
     * @throws InvalidInputException when the Debian package is not installed (the message names it)
     */
    public static LabeledData fashionMnist(int samples) {
        FashionMnist f = new FashionMnist();
        DMatrixRMaj x = f.images(FashionMnist.Split.TRAIN, samples);
        int[] labels = f.labels(FashionMnist.Split.TRAIN, samples);
        double[] y = new double[labels.length];
        for (int k = 0; k < y.length; k++) {
            y[k] = labels[k];
        }
        return new LabeledData(Standardizer.fit(x).apply(x), y);
    }

    /**
     * Trains three networks of {@code branches} copies of {@code branch} (seeds {@code seed + 1..3}) and evaluates the
     * loss on the plane through them ({@code normalize}: directions rescaled to the norm of the third network, as the
     * authors' code does).
     */
    public static Panel panel(LabeledData data, BranchArchitecture branch, int branches, SurfaceLoss loss,
            double learningRate, int epochs, SurfaceGrid grid, boolean normalize, long seed, int threads) {
        double[][] x = PlaneLandscape.rowsOf(data.x());
        double[] y = data.y();
        double[][] anchors = new double[3][];
        double[] losses = new double[3];
        double seconds = 0;
        PlaneModel model = null;
        for (int r = 0; r < 3; r++) {
            MultibranchTrainer.Options o = new MultibranchTrainer.Options(MultibranchTrainer.Optimizer.SGD,
                    learningRate * branches, MOMENTUM, epochs, BATCH, 0, Double.NaN, Double.NaN,
                    BranchRegularizer.L2_SQUARED, 1, seed + 1 + r, threads, 1.0);
            MultibranchTrainingResult t = new MultibranchTrainer(o).train(List.of(branch), branches, x, y,
                    loss.training());
            model = PlaneModel.of(t.network());
            anchors[r] = PlaneModel.flatten(t.network());
            losses[r] = t.loss();
            seconds += t.seconds();
        }
        Plane plane = Plane.throughAnchors(anchors[0], anchors[1], anchors[2], normalize);
        Surface s = new PlaneLandscape(model, x, y, loss).evaluate(plane, grid, threads);
        double[][] at = new double[3][];
        for (int r = 0; r < 3; r++) {
            at[r] = plane.coordinatesOf(anchors[r]);
        }
        return new Panel(branches, losses, at, model.loss(plane.origin(), x, y, loss), s, SurfaceConvexity.of(s),
                seconds);
    }

}
