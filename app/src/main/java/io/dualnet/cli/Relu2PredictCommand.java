package io.dualnet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualnet.data.FashionMnist;
import io.dualnet.data.InvalidInputException;
import io.dualnet.data.LabeledData;
import io.dualnet.data.MatrixFiles;
import io.dualnet.data.Metrics;
import io.dualnet.data.Standardizer;
import io.dualnet.loss.Loss;
import io.dualnet.loss.Losses;
import io.dualnet.net.TwoLayerReluNetwork;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code dualnet relu2 predict}: the predictions of a network written by {@code relu2 fit --out DIR}
 * ({@code first_layer.npy}, {@code second_layer.npy}, {@code gates.npy} for a gated model, {@code certificate.json}
 * for the bias, the loss and the model kind; {@code feature_mean.npy} and {@code feature_scale.npy} for a model fitted
 * with {@code --standardize}, applied to the raw features as fit applied them), with the mean loss and the accuracy
 * (classification) or the mean squared error when labels are given. Bad model folders and shape mismatches are one
 * line naming the file and the shapes (exit 2); the predictions file is written all or nothing.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict with a network written by relu2 fit --out DIR; with --y, report the mean loss and the "
                + "accuracy (logistic/hinge) or mean squared error (squared). Features are raw, as given to fit: "
                + "a model fitted with --standardize carries its training statistics (feature_mean.npy, "
                + "feature_scale.npy) and predict applies them."})
public final class Relu2PredictCommand extends Relu2Subcommand {

    @Option(names = "--model", paramLabel = "DIR", required = true,
            description = "Folder written by relu2 fit --out or relu2 certify --out (first_layer.npy, "
                    + "second_layer.npy, gates.npy for a gated model, feature_mean.npy and feature_scale.npy for a "
                    + "standardized one, certificate.json).")
    Path model;

    @Option(names = "--x", paramLabel = "FILE", description = "Features, n x d (CSV or .npy).")
    Path x;

    @Option(names = "--y", paramLabel = "FILE", description = "Labels or targets, n entries (CSV or .npy).")
    Path y;

    @Mixin
    FashionOptions fashion;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the predictions (n x 1) to FILE (.npy or .csv).")
    Path out;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    /**
     * A loaded model: the network, its loss, its kind, and the standardizer its features went through when it was
     * fitted ({@code null}: raw features).
     */
    record Model(TwoLayerReluNetwork network, Loss loss, String problem, Standardizer standardizer) {
    }

    @Override
    public Integer call() {
        if (out != null) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new InvalidInputException("--out", out, "a file in an existing folder");
            }
            // The extension is checked before any work.
            String name = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (!name.endsWith(".npy") && !name.endsWith(".csv")) {
                throw new InvalidInputException("--out", out, "a .npy or .csv file name");
            }
        }
        DataSources.of().offer("--x", x != null).offer("--dataset", fashion.given()).requireOne();
        fashion.validate();
        if (fashion.given() && y != null) {
            throw new InvalidInputException("--y", y, "no --y with --dataset (the test split has its labels)");
        }
        Model m = load(model);
        LabeledData test = fashion.given() ? fashion.load(FashionMnist.Split.TEST, 0) : null;
        DMatrixRMaj features = test != null ? test.x() : MatrixFiles.readData(x, "--x");
        String shown = test != null ? fashion.describe() + ", t10k test images" : x.toString();
        int expected = m.network().inputDimension();
        if (features.numCols != expected) {
            throw new InvalidInputException(test != null ? "--dataset" : "--x", shown + " (" + features.numRows + "x"
                    + features.numCols + ")",
                    expected + " features per row, as the model " + model.resolve("first_layer.npy") + " ("
                            + m.network().firstLayer().numRows + "x" + m.network().neurons()
                            + (m.network().bias() ? ", last row the bias" : "") + ")");
        }
        double[] yhat = m.network().predict(m.standardizer() == null ? features : m.standardizer().apply(features));
        JsonOutput jo = JsonOutput.object()
                .put("problem", m.problem())
                .put("loss", m.loss().name())
                .put("samples", features.numRows)
                .put("features", features.numCols)
                .put("standardized", m.standardizer() != null)
                .put("neurons", m.network().neurons())
                .put("data", shown);
        if (y != null || test != null) {
            double[] labels = test != null ? test.y() : MatrixFiles.readVector(y, "--y");
            if (labels.length != yhat.length) {
                throw new InvalidInputException("--y", y + " (" + labels.length + " entries)",
                        yhat.length + " entries, one per row of --x " + x);
            }
            jo.put("loss_mean", Metrics.meanLoss(m.loss(), yhat, labels));
            ReluFitting.scores(jo, "", m.loss(), yhat, labels);
        }
        if (out != null) {
            MatrixFiles.write(out, ReluFitting.column(yhat), "--out");
            jo.put("predictions", out.toString());
        }
        ReluFitting.print(jo, json, out());
        return 0;
    }

    /**
     * Reads the model folder written by {@code relu2 fit --out}.
     *
     * @throws InvalidInputException naming {@code --model}, the file and the shapes when a file is missing, unreadable
     *                               or does not fit the others
     */
    static Model load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("--model", dir, "a folder written by relu2 fit --out");
        }
        Path certificate = require(dir, "certificate.json");
        JsonNode meta;
        try {
            meta = new ObjectMapper().readTree(certificate.toFile());
        } catch (IOException e) {
            throw new InvalidInputException("--model", certificate, "a readable JSON file (" + e.getMessage() + ")");
        }
        JsonNode problem = meta.get("problem");
        JsonNode bias = meta.get("bias");
        JsonNode loss = meta.get("loss");
        if (problem == null || bias == null || loss == null || !bias.isBoolean()
                || !(problem.asText().equals("relu2") || problem.asText().equals("relu2-gated"))) {
            throw new InvalidInputException("--model", certificate,
                    "the certificate.json of relu2 fit --out (fields problem relu2|relu2-gated, bias, loss)");
        }
        boolean gated = problem.asText().equals("relu2-gated");
        Loss l;
        try {
            l = Losses.named(loss.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--model", certificate + " (loss " + loss.asText() + ")",
                    "squared, logistic or hinge");
        }
        Path firstPath = require(dir, "first_layer.npy");
        Path secondPath = require(dir, "second_layer.npy");
        DMatrixRMaj first = MatrixFiles.read(firstPath, "--model");
        DMatrixRMaj second = MatrixFiles.read(secondPath, "--model");
        if (second.numCols != 1 || second.numRows != first.numCols) {
            throw new InvalidInputException("--model", secondPath + " (" + second.numRows + "x" + second.numCols + ")",
                    first.numCols + "x1, one entry per column of " + firstPath + " (" + first.numRows + "x"
                            + first.numCols + ")");
        }
        if (bias.asBoolean() && first.numRows < 2) {
            throw new InvalidInputException("--model", firstPath + " (" + first.numRows + "x" + first.numCols + ")",
                    "at least 2 rows (features and the bias row)");
        }
        DMatrixRMaj gates = null;
        if (gated) {
            Path gatesPath = require(dir, "gates.npy");
            gates = MatrixFiles.read(gatesPath, "--model");
            if (gates.numRows != first.numRows || gates.numCols != first.numCols) {
                throw new InvalidInputException("--model", gatesPath + " (" + gates.numRows + "x" + gates.numCols + ")",
                        "the shape of " + firstPath + " (" + first.numRows + "x" + first.numCols + ")");
            }
        }
        TwoLayerReluNetwork network = new TwoLayerReluNetwork(first, second.data, bias.asBoolean(), gates);
        JsonNode standardized = meta.get("standardized");
        if (standardized != null && !standardized.isBoolean()) {
            throw new InvalidInputException("--model", certificate + " (standardized " + standardized + ")",
                    "true or false");
        }
        Standardizer standardizer = standardized != null && standardized.asBoolean()
                ? standardizer(dir, network.inputDimension()) : null;
        return new Model(network, l, problem.asText(), standardizer);
    }

    /**
     * The training statistics of a standardized model: {@code feature_mean.npy} and {@code feature_scale.npy}, each
     * {@code d x 1} for the model's {@code d} features, the scales finite and positive.
     */
    private static Standardizer standardizer(Path dir, int features) {
        double[][] columns = new double[2][];
        String[] names = {ReluFitting.FEATURE_MEAN, ReluFitting.FEATURE_SCALE};
        for (int k = 0; k < 2; k++) {
            Path path = require(dir, names[k]);
            DMatrixRMaj v = MatrixFiles.read(path, "--model");
            if (v.numCols != 1 || v.numRows != features) {
                throw new InvalidInputException("--model", path + " (" + v.numRows + "x" + v.numCols + ")",
                        features + "x1, one entry per feature of the model");
            }
            for (int j = 0; j < features; j++) {
                double e = v.data[j];
                if (!Double.isFinite(e) || (k == 1 && e <= 0)) {
                    throw new InvalidInputException("--model", path + " (entry " + j + " = " + e + ")",
                            k == 0 ? "finite means" : "finite positive scales");
                }
            }
            columns[k] = v.data;
        }
        return Standardizer.of(columns[0], columns[1]);
    }

    private static Path require(Path dir, String name) {
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new InvalidInputException("--model", dir, "a folder written by relu2 fit --out: " + name
                    + " is missing");
        }
        return p;
    }
}
