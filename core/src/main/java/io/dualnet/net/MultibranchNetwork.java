package io.dualnet.net;

import io.dualnet.data.InvalidInputException;
import io.dualnet.reg.BranchRegularizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A multi-branch network (Zhang, Shao, Salakhutdinov, Section 3, Figure 2):
 * {@code f(w; x) = (1/I) sum_{i=1..I} f_i(w_(i); x)}, each branch a small {@link BranchArchitecture} of its own
 * (depth, widths, activation), all with the same input and output dimensions. The average (not the sum) is the
 * paper's normalization and what the authors' code does.
 *
 * <p>An immutable value: parameters are copied in and out.
 */
public final class MultibranchNetwork {
    private final List<BranchArchitecture> architectures;
    private final MlpBranch[] evaluators;
    private final double[][] parameters;

    /**
     * @param architectures one architecture per branch ({@code I >= 1})
     * @param parameters one parameter vector per branch, of the matching size, finite (copied)
     * @throws InvalidInputException naming the offending branch
     */
    public MultibranchNetwork(List<BranchArchitecture> architectures, double[][] parameters) {
        if (architectures == null || architectures.isEmpty()) {
            throw new InvalidInputException("branches", architectures, "at least one branch");
        }
        if (parameters == null || parameters.length != architectures.size()) {
            throw new InvalidInputException("parameters", parameters == null ? null : parameters.length + " vectors",
                    architectures.size() + " vectors (one per branch)");
        }
        BranchArchitecture first = architectures.get(0);
        Map<BranchArchitecture, MlpBranch> shared = new HashMap<>();
        this.evaluators = new MlpBranch[architectures.size()];
        this.parameters = new double[parameters.length][];
        for (int i = 0; i < parameters.length; i++) {
            BranchArchitecture a = architectures.get(i);
            if (a.inputDim() != first.inputDim() || a.outputDim() != first.outputDim()) {
                throw new InvalidInputException("branch[" + i + "]", a, "input dimension " + first.inputDim()
                        + " and output dimension " + first.outputDim() + " (those of branch 0)");
            }
            evaluators[i] = shared.computeIfAbsent(a, MlpBranch::new);
            if (parameters[i] == null || parameters[i].length != evaluators[i].parameterCount()) {
                throw new InvalidInputException("parameters[" + i + "]",
                        parameters[i] == null ? null : parameters[i].length + " entries",
                        evaluators[i].parameterCount() + " entries (branch " + a.spec() + ")");
            }
            for (double v : parameters[i]) {
                InvalidInputException.requireFinite("parameters[" + i + "]", v);
            }
            this.parameters[i] = parameters[i].clone();
        }
        this.architectures = List.copyOf(architectures);
    }

    /** {@code I} branches cycling through {@code types} (branch {@code i} has type {@code i mod T}). */
    public static List<BranchArchitecture> roundRobin(List<BranchArchitecture> types, int branches) {
        InvalidInputException.requireAtLeast("I", branches, 1);
        List<BranchArchitecture> out = new ArrayList<>(branches);
        for (int i = 0; i < branches; i++) {
            out.add(types.get(i % types.size()));
        }
        return out;
    }

    /** Number of branches {@code I}. */
    public int branches() {
        return parameters.length;
    }

    /** Input dimension. */
    public int inputDim() {
        return architectures.get(0).inputDim();
    }

    /** Output dimension. */
    public int outputDim() {
        return architectures.get(0).outputDim();
    }

    /** The architecture of branch {@code i}. */
    public BranchArchitecture architecture(int i) {
        return architectures.get(i);
    }

    /** The evaluator of branch {@code i} (shared between branches of the same architecture). */
    public MlpBranch evaluator(int i) {
        return evaluators[i];
    }

    /** The parameters of branch {@code i} (a copy). */
    public double[] parameters(int i) {
        return parameters[i].clone();
    }

    /** {@code f(w; x_k)} for every row of {@code x} ({@code n x outputDim}). */
    public double[][] predict(double[][] x) {
        int c = outputDim();
        double[][] out = new double[x.length][c];
        double[] o = new double[c];
        Map<MlpBranch, MlpBranch.Workspace> workspaces = new HashMap<>();
        for (int i = 0; i < parameters.length; i++) {
            MlpBranch.Workspace ws = workspaces.computeIfAbsent(evaluators[i], MlpBranch::workspace);
            for (int k = 0; k < x.length; k++) {
                evaluators[i].forward(parameters[i], x[k], ws, o);
                for (int j = 0; j < c; j++) {
                    out[k][j] += o[j];
                }
            }
        }
        for (double[] row : out) {
            for (int j = 0; j < c; j++) {
                row[j] /= parameters.length;
            }
        }
        return out;
    }

    /** The average regularizer {@code (1/I) sum_i h(w_(i))} of the budget constraint of problem (2). */
    public double averageRegularizer(BranchRegularizer regularizer) {
        double s = 0;
        for (double[] w : parameters) {
            s += regularizer.value(w);
        }
        return s / parameters.length;
    }
}
