package io.dualnet.convex;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.net.TwoLayerReluNetwork;
import io.dualnet.net.TwoLayerReluProblem;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maps between convex weights and two-layer networks (paper 002 Appendix A; Pilanci and Ergen 2020, Theorem 1).
 *
 * <p><b>Convex to network.</b> Every non-zero block becomes one neuron: {@code v_i} gives
 * {@code u = v_i / sqrt(||v_i||)}, {@code alpha = +sqrt(||v_i||)} and {@code w_i} gives
 * {@code u = w_i / sqrt(||w_i||)}, {@code alpha = -sqrt(||w_i||)}; zero blocks are dropped. Then
 * {@code (beta/2)(||u||^2 + alpha^2) = beta ||v_i||}, and for cone-feasible blocks ({@code (2D_i - I) X v_i >= 0})
 * {@code (X u)_+ alpha = D_i X v_i}, so the ReLU network's predictions and objective equal the convex ones. A gated
 * solution maps to a gated network whose gates are the patterns' generators.
 *
 * <p><b>Network to convex.</b> Neuron {@code j} goes to the pattern {@code 1[X u_j >= 0]} (for a gated network, of its
 * gate): {@code v_i += alpha_j u_j} when {@code alpha_j > 0}, {@code w_i += |alpha_j| u_j} when {@code alpha_j < 0}
 * (gated problem: {@code v_i += alpha_j u_j}); neurons that are never active are skipped. The convex objective of the
 * result is at most the network's objective (AM-GM and the triangle inequality). Nothing passed in is modified.
 */
public final class ReluNetworkMapping {
    private ReluNetworkMapping() {
    }

    /**
     * The network of {@code weights} (see the class comment), with {@code bias} taken from the problem.
     *
     * @throws InvalidInputException naming {@code patterns} when a gated solution has a pattern without generator
     */
    public static TwoLayerReluNetwork toNetwork(ReluConvexProblem convex, ConvexReluWeights weights) {
        convex.requireFits(weights);
        int d = weights.featureCount();
        int p = weights.patternCount();
        double[] norms = weights.blockNorms();
        DMatrixRMaj b = weights.blocksView();
        List<Integer> kept = new ArrayList<>();
        for (int j = 0; j < norms.length; j++) {
            if (norms[j] > 0) {
                kept.add(j);
            }
        }
        int m = kept.size();
        DMatrixRMaj u = new DMatrixRMaj(d, m);
        DMatrixRMaj gates = convex.gated() ? new DMatrixRMaj(d, m) : null;
        double[] alpha = new double[m];
        for (int c = 0; c < m; c++) {
            int j = kept.get(c);
            double root = Math.sqrt(norms[j]);
            alpha[c] = j < p ? root : -root;
            for (int r = 0; r < d; r++) {
                u.data[r * m + c] = b.data[r * b.numCols + j] / root;
            }
            if (gates != null) {
                double[] g = convex.patterns().generator(j);
                if (g == null) {
                    throw new InvalidInputException("patterns", "pattern " + j + " without generator",
                            "patterns with generators (gates) to build a gated network");
                }
                for (int r = 0; r < d; r++) {
                    gates.data[r * m + c] = g[r];
                }
            }
        }
        return new TwoLayerReluNetwork(u, alpha, convex.problem().bias(), gates);
    }

    /**
     * The patterns of the network's neurons ({@code 1[X u_j >= 0]}, or of the gates of a gated network), with the
     * neurons (resp. gates) as generators.
     */
    public static ActivationPatterns patternsOf(TwoLayerReluProblem problem,
                                                TwoLayerReluNetwork network) {
        requireShape(problem, network);
        DMatrixRMaj gates = network.gated() ? network.gates() : network.firstLayer();
        return ActivationPatterns.fromGates(problem.featuresView(), gates);
    }

    /**
     * The convex point of {@code network} on {@code convex}'s patterns (see the class comment).
     *
     * @throws InvalidInputException naming {@code network} when a neuron's pattern is not among the patterns, or a
     *                               gated network is given for the cone problem
     */
    public static ConvexReluWeights fromNetwork(ReluConvexProblem convex, TwoLayerReluNetwork network) {
        requireShape(convex.problem(), network);
        if (network.gated() && !convex.gated()) {
            throw new InvalidInputException("network", "a gated network", "a ReLU network for the cone problem");
        }
        DMatrixRMaj x = convex.problem().featuresView();
        DMatrixRMaj u = network.firstLayer();
        DMatrixRMaj gates = network.gated() ? network.gates() : u;
        double[] alpha = network.secondLayer();
        int d = u.numRows;
        int m = u.numCols;
        int p = convex.patterns().count();
        DMatrixRMaj blocks = new DMatrixRMaj(d, convex.blockCount());
        for (int j = 0; j < m; j++) {
            double[] uj = new double[d];
            double[] gj = new double[d];
            double norm = 0;
            for (int r = 0; r < d; r++) {
                uj[r] = u.data[r * m + j];
                gj[r] = gates.data[r * m + j];
                norm += uj[r] * uj[r];
            }
            if (alpha[j] == 0 || norm == 0) {
                continue;
            }
            long[] mask = ActivationPatterns.maskOf(x, gj);
            if (Arrays.stream(mask).allMatch(word -> word == 0)) {
                continue;
            }
            int i = convex.patterns().indexOf(mask);
            if (i < 0) {
                throw new InvalidInputException("network", "neuron " + j + " with a pattern outside the set",
                        "neurons whose activation patterns are among the problem's patterns");
            }
            int col = convex.gated() || alpha[j] > 0 ? i : p + i;
            double scale = convex.gated() ? alpha[j] : Math.abs(alpha[j]);
            for (int r = 0; r < d; r++) {
                blocks.data[r * blocks.numCols + col] += scale * uj[r];
            }
        }
        return ConvexReluWeights.ofBlocks(blocks, convex.gated());
    }

    private static void requireShape(TwoLayerReluProblem problem, TwoLayerReluNetwork network) {
        if (network.bias() != problem.bias() || network.inputDimension() != problem.inputDimension()) {
            throw new MatrixDimensionException("network",
                    network.inputDimension() + (network.bias() ? "+bias" : "") + " inputs",
                    problem.inputDimension() + (problem.bias() ? "+bias" : "") + " inputs (the problem's)");
        }
    }
}
