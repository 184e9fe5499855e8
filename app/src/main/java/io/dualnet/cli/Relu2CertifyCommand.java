package io.dualnet.cli;

import io.dualnet.convex.ReluNetworkMapping;
import io.dualnet.data.InvalidInputException;
import io.dualnet.data.MatrixFiles;
import io.dualnet.data.OutputSet;
import io.dualnet.duality.NetworkCertifier;
import io.dualnet.linalg.Matrices;
import io.dualnet.loss.Loss;
import io.dualnet.net.TwoLayerReluNetwork;
import io.dualnet.net.TwoLayerReluProblem;
import io.dualnet.solve.ConeReluSolver;
import io.dualnet.solve.GatedReluSolver;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code dualnet relu2 certify}: the objective of a given two-layer ReLU network (e.g. trained elsewhere and saved as
 * {@code .npy}), a certified lower bound on the optimum of its training problem, and the gap between them.
 */
@Command(name = "certify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Certify a trained two-layer ReLU network: its objective",
            "  l(sum_j (X u_j)_+ alpha_j, y) + (beta/2) sum_j (||u_j||^2 + alpha_j^2),",
            "a certified lower bound on the optimum (convex dual over its own activation patterns plus enumerated or "
                    + "sampled ones, with cutting planes) and the gap: how far the network can be from optimal."})
public final class Relu2CertifyCommand extends Relu2Subcommand {

    @Mixin
    ReluDataInputs data;

    @Mixin
    ReluModelOptions model;

    @Option(names = "--beta", paramLabel = "B", required = true, description = "Weight decay beta > 0.")
    double beta;

    @Option(names = "--first-layer", paramLabel = "FILE", required = true,
            description = "First layer U (d' x m, column j is neuron u_j; d' = d + 1 with --bias, last row the bias), "
                    + ".npy or CSV.")
    Path firstLayer;

    @Option(names = "--second-layer", paramLabel = "FILE", required = true,
            description = "Second layer alpha (m values), .npy or CSV.")
    Path secondLayer;

    @Option(names = "--gates", paramLabel = "FILE", description = "Gate vectors (d' x m) of a gated ReLU network.")
    Path gates;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write the network the convex optimum maps to (first_layer.npy, second_layer.npy, gates.npy "
                    + "for a gated one), lambda.npy (dual point) and certificate.json into DIR (relu2 predict reads "
                    + "it).")
    Path outDir;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(names = "--quiet", description = "No progress output on standard error.")
    boolean quiet;

    @Override
    public Integer call() {
        model.validate();
        InvalidInputException.requirePositive("--beta", beta);
        Loss loss = model.loss();
        OutputSet outputSet = WeightsOutput.prepare(outDir);
        ReluDataInputs.Loaded loaded = data.load(loss);
        TwoLayerReluProblem problem = FlagNames.named(data.flags(), () -> new TwoLayerReluProblem(loaded.train().x(),
                loaded.train().y(), loss, beta, model.bias));
        DMatrixRMaj u = MatrixFiles.readData(firstLayer, "--first-layer");
        double[] alpha = MatrixFiles.readVector(secondLayer, "--second-layer");
        if (u.numRows != problem.featureCount()) {
            throw new InvalidInputException("--first-layer", Matrices.shape(u) + " matrix",
                    problem.featureCount() + " rows (the input dimension" + (model.bias ? " + 1 for --bias" : "") + ")");
        }
        if (alpha.length != u.numCols) {
            throw new InvalidInputException("--second-layer", alpha.length + " values",
                    "one per neuron (column of --first-layer), which has " + u.numCols);
        }
        DMatrixRMaj g = gates == null ? null : MatrixFiles.readData(gates, "--gates");
        if (g != null && (g.numRows != u.numRows || g.numCols != u.numCols)) {
            throw new InvalidInputException("--gates", Matrices.shape(g) + " matrix",
                    "the shape of --first-layer, " + Matrices.shape(u));
        }
        TwoLayerReluNetwork network = new TwoLayerReluNetwork(u, alpha, model.bias, g);
        NetworkCertifier.Options o = new NetworkCertifier.Options(model.sampledCountOrZero(problem.featuresView()),
                model.seed,
                ConeReluSolver.Options.defaults().withRelativeTolerance(model.tolerance)
                        .withMaxIterations(model.maxIterations),
                GatedReluSolver.Options.defaults().withRelativeTolerance(model.tolerance)
                        .withMaxIterations(model.maxIterations),
                ReluFitting.cuttingPlanes(model));
        long t0 = System.nanoTime();
        NetworkCertifier.NetworkCertificate c;
        try (Progress bar = Progress.start("relu2 certify", ReluFitting.GAP_STEPS, err(), quiet)) {
            c = new NetworkCertifier(o).certify(problem, network, ReluFitting.gapProgress(bar, model.tolerance));
        }
        TwoLayerReluNetwork best = ReluNetworkMapping.toNetwork(c.convex(), c.solution().primalPoint());
        JsonOutput jo = JsonOutput.object()
                .put("problem", network.gated() ? "relu2-gated" : "relu2")
                .put("loss", loss.name())
                .put("beta", beta)
                .put("bias", model.bias)
                .put("samples", problem.samples())
                .put("standardized", loaded.standardizer() != null)
                .put("neurons", network.neurons())
                .put("network_objective", c.networkObjective())
                .put("lower_bound", c.lowerBound())
                .put("gap", c.gap())
                .put("relative_gap", c.relativeGap())
                .put("certificate", c.exact() ? "exact" : "sampled")
                .put("patterns", c.convex().patterns().count())
                .put("convex_primal", c.solution().primal())
                .put("convex_neurons", best.neurons())
                .put("status", c.solution().status().label())
                .put("method", c.solution().method())
                .put("seconds", (System.nanoTime() - t0) / 1e9)
                .put("data", loaded.source());
        // The given network's metrics, then those of the network the convex optimum maps to.
        ReluFitting.metrics(jo, "train", network, loaded.train(), problem);
        ReluFitting.metrics(jo, "convex_train", best, loaded.train(), problem);
        if (loaded.test() != null) {
            ReluFitting.metrics(jo, "test", network, loaded.test(), problem);
            ReluFitting.metrics(jo, "convex_test", best, loaded.test(), problem);
        }
        if (outDir != null) {
            ReluFitting.writeWeights(outputSet, best, c.solution().dualPoint(), jo, loaded.standardizer());
        }
        ReluFitting.print(jo, json, out());
        return 0;
    }
}
