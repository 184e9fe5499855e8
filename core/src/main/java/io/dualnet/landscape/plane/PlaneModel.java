package io.dualnet.landscape.plane;

import io.dualnet.data.InvalidInputException;
import io.dualnet.net.Activation;
import io.dualnet.net.BranchArchitecture;
import io.dualnet.net.MlpBranch;
import io.dualnet.net.MultibranchNetwork;

import java.util.List;

/**
 * The network whose loss surface is drawn: {@code f(w; x) = s sum_{i=1..I} f_i(w_(i); x)} with branches
 * {@link BranchArchitecture} (one architecture per branch, same input and output dimensions) and an output scale
 * {@code s} ({@code 1} for the plain sum of the landscape command's network {@code f(x) = sum_j w2_j max(0, (W1 x)_j)},
 * {@code 1/I} for the averaged multi-branch network of Zhang et al. and {@link MultibranchNetwork}). The flat parameter
 * vector concatenates the branches' vectors in branch order, each in the layout of {@link BranchArchitecture}
 * ({@code W_1} row-major, {@code b_1} if biased, {@code W_2}, ...). Immutable.
 *
 * @param branches the architectures, at least one
 * @param outputScale {@code s}, finite and {@code > 0}
 */
public record PlaneModel(List<BranchArchitecture> branches, double outputScale) {

    /** Validates every field and copies the list. */
    public PlaneModel {
        if (branches == null || branches.isEmpty()) {
            throw new InvalidInputException("branches", branches, "at least one branch");
        }
        BranchArchitecture first = branches.get(0);
        for (int i = 0; i < branches.size(); i++) {
            BranchArchitecture a = branches.get(i);
            if (a == null || a.inputDim() != first.inputDim() || a.outputDim() != first.outputDim()) {
                throw new InvalidInputException("branches[" + i + "]", a, "input dimension " + first.inputDim()
                        + " and output dimension " + first.outputDim() + " (those of branch 0)");
            }
        }
        if (!(outputScale > 0) || Double.isInfinite(outputScale)) {
            throw new InvalidInputException("outputScale", outputScale, "a finite number > 0");
        }
        branches = List.copyOf(branches);
    }

    /**
     * The landscape command's network {@code f(x) = sum_j w2_j max(0, (W1 x)_j)}: one branch {@code d-H-1} with ReLU,
     * biases when {@code bias} (then the vector is {@code W1, b1, w2, b2}).
     */
    public static PlaneModel oneHidden(int inputDim, int hidden, boolean bias) {
        InvalidInputException.requireAtLeast("--hidden", hidden, 1);
        InvalidInputException.requireAtLeast("d", inputDim, 1);
        return new PlaneModel(List.of(BranchArchitecture.of(Activation.RELU, bias, inputDim, hidden, 1)), 1);
    }

    /** The averaged multi-branch network of {@link MultibranchNetwork} with its architectures. */
    public static PlaneModel of(MultibranchNetwork network) {
        BranchArchitecture[] a = new BranchArchitecture[network.branches()];
        for (int i = 0; i < a.length; i++) {
            a[i] = network.architecture(i);
        }
        return new PlaneModel(List.of(a), 1.0 / a.length);
    }

    /** The flat parameter vector of {@code network} (branches concatenated). */
    public static double[] flatten(MultibranchNetwork network) {
        int total = 0;
        for (int i = 0; i < network.branches(); i++) {
            total += network.evaluator(i).parameterCount();
        }
        double[] w = new double[total];
        int offset = 0;
        for (int i = 0; i < network.branches(); i++) {
            double[] p = network.parameters(i);
            System.arraycopy(p, 0, w, offset, p.length);
            offset += p.length;
        }
        return w;
    }

    /** Input dimension {@code d}. */
    public int inputDim() {
        return branches.get(0).inputDim();
    }

    /** Number of outputs. */
    public int outputDim() {
        return branches.get(0).outputDim();
    }

    /** Length of the flat parameter vector. */
    public long parameterCount() {
        long p = 0;
        for (BranchArchitecture a : branches) {
            p += a.parameterCount();
        }
        return p;
    }

    /** Total width of the branches' first layers (the columns of the precomputed {@code X W_1^T}). */
    public long firstLayerWidth() {
        long h = 0;
        for (BranchArchitecture a : branches) {
            h += a.layers().get(1);
        }
        return h;
    }

    /**
     * The loss of {@code w} by a full forward pass of every branch on every sample ({@link MlpBranch#forward}):
     * the reference the plane engine is checked and benchmarked against.
     */
    public double loss(double[] w, double[][] x, double[] y, SurfaceLoss loss) {
        int c = outputDim();
        double[] total = new double[c];
        double[] o = new double[c];
        MlpBranch[] evaluators = new MlpBranch[branches.size()];
        MlpBranch.Workspace[] ws = new MlpBranch.Workspace[evaluators.length];
        double[][] parts = new double[evaluators.length][];
        int offset = 0;
        for (int i = 0; i < evaluators.length; i++) {
            evaluators[i] = new MlpBranch(branches.get(i));
            ws[i] = evaluators[i].workspace();
            parts[i] = java.util.Arrays.copyOfRange(w, offset, offset + evaluators[i].parameterCount());
            offset += evaluators[i].parameterCount();
        }
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            java.util.Arrays.fill(total, 0);
            for (int i = 0; i < evaluators.length; i++) {
                evaluators[i].forward(parts[i], x[k], ws[i], o);
                for (int j = 0; j < c; j++) {
                    total[j] += o[j];
                }
            }
            for (int j = 0; j < c; j++) {
                total[j] *= outputScale;
            }
            sum += loss.value(total, y[k]);
        }
        return sum / x.length;
    }
}
