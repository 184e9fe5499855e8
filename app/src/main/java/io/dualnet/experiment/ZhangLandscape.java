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
 * {@link PlaneLandscape}, and measure its convexity ({@link SurfaceConvexity}). Each panel is one seeded cell of the
 * grid {@code zhang-landscape} ({@link #grid}, {@link ZhangLandscapeCell}), so a killed report resumes its finished
 * panels and {@code --spark} runs them on a cluster.
 *
 * <p><b>As in the authors' code</b> ({@code fully_connected.py}): plain SGD (no momentum), branch outputs averaged,
 * origin the mean of the three networks, and the view with both directions rescaled to the norm of the third network
 * on {@code +-0.6} (the axes of their image). <b>Not recorded by the authors and chosen here</b> (stated in the
 * report): batch 100, no weight decay, learning rate {@code lr0 * I} (the average over branches scales each branch's
 * gradient by {@code 1/I}; the factor {@code I} gives every width the same per-branch step), a fixed number of epochs
 * instead of their stop rule, initial weights {@code N(0, 1/fan_in)}. A second, unnormalized view on {@code +-1}
 * contains all three networks.
 */
public final class ZhangLandscape {
    /** SGD momentum: none, as in the authors' code ({@code torch.optim.SGD} with lr and weight decay only). */
    public static final double MOMENTUM = 0;
    /** Mini-batch size. */
    public static final int BATCH = 100;
    /** Half-width of the authors' view: the axes of the image in their repository (directions normalized). */
    public static final double AUTHORS_RANGE = 0.6;
    /** Half-width of the unnormalized view, which holds the three networks at (1/3, 1/3), (-2/3, 1/3), (1/3, -2/3). */
    public static final double TRIANGLE_RANGE = 1.0;
    /** Teacher hidden units of Figure 1. */
    public static final int TEACHER_UNITS = 11;
    /** Input dimension of Figure 1. */
    public static final int TEACHER_DIM = 10;

    private ZhangLandscape() {
    }

    /**
     * One view of the plane through the three networks: a grid of the loss and its convexity.
     *
     * @param range half-width R of the grid in the view's coordinates
     * @param normalize whether {@code u} and {@code v} are rescaled to the norm of the third network (the authors'
     *                  code) or left as {@code A - B}, {@code A - C}
     * @param anchors the {@code (alpha, beta)} of the three networks in this view (possibly outside the grid)
     * @param surface the loss on the grid
     * @param convexity its statistics
     */
    public record View(double range, boolean normalize, double[][] anchors, Surface surface,
                       SurfaceConvexity convexity) {
    }

    /**
     * One panel: the three trained networks and two views of the plane through them.
     *
     * @param branches {@code I}
     * @param anchorLosses the training losses of the three networks (full data)
     * @param originLoss the loss at the origin (the mean of the three networks)
     * @param authors the authors' view: directions rescaled to the norm of the third network, {@code +-0.6}
     * @param triangle the unnormalized view {@code +-1}, which contains the three networks
     * @param trainSeconds wall time of the three trainings
     */
    public record Panel(int branches, double[] anchorLosses, double originLoss, View authors, View triangle,
                        double trainSeconds) {

        /**
         * {@code f(mean of A, B, C) / mean(f(A), f(B), f(C))}: at most 1 when the loss is convex on the triangle
         * (Jensen); above 1 when the average of the three solutions is worse than the solutions.
         */
        public double jensenRatio() {
            return originLoss / meanAnchorLoss();
        }

        /** {@code mean(f(A), f(B), f(C))}. */
        public double meanAnchorLoss() {
            return (anchorLosses[0] + anchorLosses[1] + anchorLosses[2]) / 3;
        }
    }

    /**
     * Computes the panel of {@code cell}, single-threaded (the grid runs panels in parallel): its data, the three
     * networks and both views. A pure function of the cell.
     *
     * @throws InvalidInputException when the cell needs Fashion-MNIST and it is not installed
     */
    public static Panel run(ZhangLandscapeCell cell) {
        LabeledData data = ZhangLandscapeCell.TEACHER.equals(cell.data()) ? teacher(cell.samples(), cell.dataSeed())
                : fashionMnist(cell.samples());
        return panel(data, BranchArchitecture.parse("branch", cell.branch()), cell.branches(),
                new SurfaceLoss(cell.loss(), cell.tau()), cell.learningRate(), cell.momentum(), cell.epochs(),
                cell.gridSize(), cell.seed(), 1);
    }

    /** The grid {@code zhang-landscape} of {@code cells}. */
    public static Grid<ZhangLandscapeCell, Panel> grid(List<ZhangLandscapeCell> cells) {
        return Grid.of("zhang-landscape", cells, ZhangLandscape::run, Panel.class);
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
     * loss on the plane through them in the authors' view ({@link #AUTHORS_RANGE}, normalized directions) and the
     * triangle view ({@link #TRIANGLE_RANGE}, unnormalized), on {@code gridSize x gridSize} points each.
     */
    public static Panel panel(LabeledData data, BranchArchitecture branch, int branches, SurfaceLoss loss,
            double learningRate, double momentum, int epochs, int gridSize, long seed, int threads) {
        double[][] x = PlaneLandscape.rowsOf(data.x());
        double[] y = data.y();
        double[][] anchors = new double[3][];
        double[] losses = new double[3];
        double seconds = 0;
        PlaneModel model = null;
        for (int r = 0; r < 3; r++) {
            MultibranchTrainer.Options o = new MultibranchTrainer.Options(MultibranchTrainer.Optimizer.SGD,
                    learningRate * branches, momentum, epochs, BATCH, 0, Double.NaN, Double.NaN,
                    BranchRegularizer.L2_SQUARED, 1, seed + 1 + r, threads, 1.0);
            MultibranchTrainingResult t = new MultibranchTrainer(o).train(List.of(branch), branches, x, y,
                    loss.training());
            model = PlaneModel.of(t.network());
            anchors[r] = PlaneModel.flatten(t.network());
            losses[r] = t.loss();
            seconds += t.seconds();
        }
        PlaneLandscape landscape = new PlaneLandscape(model, x, y, loss);
        View authors = view(landscape, anchors, true, new SurfaceGrid(gridSize, AUTHORS_RANGE), threads);
        View triangle = view(landscape, anchors, false, new SurfaceGrid(gridSize, TRIANGLE_RANGE), threads);
        Plane plane = Plane.throughAnchors(anchors[0], anchors[1], anchors[2], false);
        return new Panel(branches, losses, model.loss(plane.origin(), x, y, loss), authors, triangle, seconds);
    }

    private static View view(PlaneLandscape landscape, double[][] anchors, boolean normalize, SurfaceGrid grid,
                             int threads) {
        Plane plane = Plane.throughAnchors(anchors[0], anchors[1], anchors[2], normalize);
        Surface s = landscape.evaluate(plane, grid, threads);
        double[][] at = new double[3][];
        for (int r = 0; r < 3; r++) {
            at[r] = plane.coordinatesOf(anchors[r]);
        }
        return new View(grid.range(), normalize, at, s, SurfaceConvexity.of(s));
    }
}
