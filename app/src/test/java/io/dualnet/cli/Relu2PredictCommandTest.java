package io.dualnet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualnet.data.CsvMatrixWriter;
import io.dualnet.data.LabeledData;
import io.dualnet.data.NpyReader;
import io.dualnet.data.NpyWriter;
import io.dualnet.data.PlantedRelu;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code relu2 predict} reads exactly what {@code relu2 fit --out} writes; bad folders and shapes are one line. */
class Relu2PredictCommandTest {
    /** Predictions of the written network against fit's own training metric. */
    private static final double METRIC_ATOL = 1e-12;

    private final CliHarness cli = new CliHarness();

    private static Path[] writeData(Path dir, boolean classification, int n, int d, long seed) throws Exception {
        LabeledData data = PlantedRelu.generate(n, d, 3, 0.1, classification, seed);
        Path x = dir.resolve("x" + seed + ".csv");
        Path y = dir.resolve("y" + seed + ".csv");
        CsvMatrixWriter.write(x, data.x());
        CsvMatrixWriter.write(y, new DMatrixRMaj(data.y().length, 1, true, data.y()));
        return new Path[] {x, y};
    }

    private Path fit(Path tmp, Path[] xy, String loss, boolean gated) {
        Path out = tmp.resolve("model-" + loss + gated);
        String[] args = {"relu2", "fit", "--x", xy[0].toString(), "--y", xy[1].toString(), "--beta", "0.1",
            "--loss", loss, "--patterns", "all", "--bias", "--json", "--quiet", "--out", out.toString()};
        if (gated) {
            args = java.util.Arrays.copyOf(args, args.length + 1);
            args[args.length - 1] = "--gated";
        }
        assertThat(cli.run(args)).as(cli.err()).isZero();
        return out;
    }

    @Test
    void predictionsOnTheTrainingDataReproduceFitsMetrics(@TempDir Path tmp) throws Exception {
        Path[] xy = writeData(tmp, false, 10, 2, 4);
        Path model = fit(tmp, xy, "squared", false);
        double trainMse = cli.json().get("train_mse").asDouble();
        Path pred = tmp.resolve("p.npy");
        assertThat(cli.run("relu2", "predict", "--model", model.toString(), "--x", xy[0].toString(), "--y",
                xy[1].toString(), "--out", pred.toString(), "--json")).as(cli.err()).isZero();
        JsonNode j = cli.json();
        assertThat(j.get("mse").asDouble()).isCloseTo(trainMse, org.assertj.core.data.Offset.offset(METRIC_ATOL));
        assertThat(j.get("samples").asInt()).isEqualTo(10);
        DMatrixRMaj p = NpyReader.read(pred, "p");
        assertThat(p.numRows).isEqualTo(10);
        assertThat(p.numCols).isEqualTo(1);
    }

    @Test
    void classificationReportsAccuracyAndGatedModelsUseTheirGates(@TempDir Path tmp) throws Exception {
        Path[] xy = writeData(tmp, true, 10, 2, 5);
        for (boolean gated : new boolean[] {false, true}) {
            Path model = fit(tmp, xy, "logistic", gated);
            double trainAccuracy = cli.json().get("train_accuracy").asDouble();
            assertThat(cli.run("relu2", "predict", "--model", model.toString(), "--x", xy[0].toString(), "--y",
                    xy[1].toString(), "--json")).as(cli.err()).isZero();
            assertThat(cli.json().get("accuracy").asDouble()).isEqualTo(trainAccuracy);
            assertThat(cli.json().get("problem").asText()).isEqualTo(gated ? "relu2-gated" : "relu2");
        }
    }

    @Test
    void theSquaredLossOnTwoClassesAlsoReportsTheAccuracy(@TempDir Path tmp) throws Exception {
        Path[] xy = writeData(tmp, true, 10, 2, 8);
        Path model = fit(tmp, xy, "squared", false);
        JsonNode fitted = cli.json();
        assertThat(fitted.has("train_mse")).isTrue();
        double trainAccuracy = fitted.get("train_accuracy").asDouble();
        assertThat(cli.run("relu2", "predict", "--model", model.toString(), "--x", xy[0].toString(), "--y",
                xy[1].toString(), "--json")).as(cli.err()).isZero();
        JsonNode j = cli.json();
        assertThat(j.has("mse")).isTrue();
        assertThat(j.get("accuracy").asDouble()).isEqualTo(trainAccuracy).isBetween(0.0, 1.0);
        // Real-valued targets: no accuracy.
        Path[] real = writeData(tmp, false, 10, 2, 9);
        assertThat(cli.run("relu2", "predict", "--model", model.toString(), "--x", real[0].toString(), "--y",
                real[1].toString(), "--json")).as(cli.err()).isZero();
        assertThat(cli.json().has("accuracy")).isFalse();
    }

    @Test
    void badModelFoldersAndShapesAreOneLineNamingTheFile(@TempDir Path tmp) throws Exception {
        Path[] xy = writeData(tmp, false, 10, 2, 4);
        Path model = fit(tmp, xy, "squared", false);
        Path[] wide = writeData(tmp, false, 10, 3, 6);
        assertThat(cli.run("relu2", "predict", "--model", model.toString(), "--x", wide[0].toString()))
                .isEqualTo(2);
        assertThat(cli.err()).contains("--x").contains("10x3").contains("first_layer.npy").doesNotContain("Exception");
        assertThat(cli.err().strip().lines().count()).isEqualTo(1);
        Path[] shortY = writeData(tmp, false, 7, 2, 7);
        assertThat(cli.run("relu2", "predict", "--model", model.toString(), "--x", xy[0].toString(), "--y",
                shortY[1].toString())).isEqualTo(2);
        assertThat(cli.err()).contains("--y").contains("7 entries");
        NpyWriter.write(model.resolve("second_layer.npy"), new DMatrixRMaj(99, 1));
        assertThat(cli.run("relu2", "predict", "--model", model.toString(), "--x", xy[0].toString())).isEqualTo(2);
        assertThat(cli.err()).contains("second_layer.npy").contains("99x1").contains("first_layer.npy");
        Files.delete(model.resolve("first_layer.npy"));
        Path pred = tmp.resolve("never.csv");
        assertThat(cli.run("relu2", "predict", "--model", model.toString(), "--x", xy[0].toString(), "--out",
                pred.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("--model").contains("first_layer.npy is missing");
        assertThat(Files.exists(pred)).isFalse();
        assertThat(cli.run("relu2", "predict", "--model", tmp.resolve("nothing").toString(), "--x",
                xy[0].toString())).isEqualTo(2);
    }

    /** Data whose features are far from standardized: column {@code j} scaled by {@code 3 + j} and shifted by 10. */
    private static Path[] writeShiftedData(Path dir, int n, int d, long seed) throws Exception {
        LabeledData data = PlantedRelu.generate(n, d, 3, 0.1, false, seed);
        DMatrixRMaj x = data.x().copy();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x.set(i, j, 10 + (3 + j) * x.get(i, j));
            }
        }
        Path xf = dir.resolve("xs" + seed + ".npy");
        Path yf = dir.resolve("ys" + seed + ".npy");
        NpyWriter.write(xf, x);
        NpyWriter.write(yf, new DMatrixRMaj(n, 1, true, data.y()));
        return new Path[] {xf, yf};
    }

    @Test
    void aModelFittedOnStandardizedFeaturesPredictsFromRawFeatures(@TempDir Path tmp) throws Exception {
        Path[] xy = writeShiftedData(tmp, 12, 2, 21);
        Path model = tmp.resolve("standardized");
        assertThat(cli.run("relu2", "fit", "--x", xy[0].toString(), "--y", xy[1].toString(), "--beta", "0.1",
                "--patterns", "all", "--bias", "--standardize", "--json", "--quiet", "--out", model.toString()))
                .as(cli.err()).isZero();
        JsonNode fitted = cli.json();
        assertThat(fitted.get("standardized").asBoolean()).isTrue();
        DMatrixRMaj mean = NpyReader.read(model.resolve("feature_mean.npy"), "mean");
        DMatrixRMaj scale = NpyReader.read(model.resolve("feature_scale.npy"), "scale");
        assertThat(mean.numRows).isEqualTo(2);
        assertThat(scale.numCols).isEqualTo(1);
        assertThat(mean.get(0, 0)).isBetween(5.0, 15.0);
        assertThat(cli.run("relu2", "predict", "--model", model.toString(), "--x", xy[0].toString(), "--y",
                xy[1].toString(), "--json")).as(cli.err()).isZero();
        JsonNode j = cli.json();
        assertThat(j.get("standardized").asBoolean()).isTrue();
        assertThat(j.get("mse").asDouble()).isCloseTo(fitted.get("train_mse").asDouble(),
                org.assertj.core.data.Offset.offset(METRIC_ATOL));
        // The same folder without its statistics would predict on raw features: far worse, so they were applied.
        Path unscaled = tmp.resolve("unscaled");
        Files.createDirectories(unscaled);
        for (String f : new String[] {"first_layer.npy", "second_layer.npy"}) {
            Files.copy(model.resolve(f), unscaled.resolve(f));
        }
        Files.writeString(unscaled.resolve("certificate.json"),
                "{\"problem\": \"relu2\", \"loss\": \"squared\", \"bias\": true}");
        assertThat(cli.run("relu2", "predict", "--model", unscaled.toString(), "--x", xy[0].toString(), "--y",
                xy[1].toString(), "--json")).as(cli.err()).isZero();
        assertThat(cli.json().get("standardized").asBoolean()).isFalse();
        assertThat(cli.json().get("mse").asDouble()).isGreaterThan(10 * j.get("mse").asDouble());
    }

    @Test
    void aStandardizedModelWithMissingOrBadStatisticsIsOneLineNamingTheFile(@TempDir Path tmp) throws Exception {
        Path[] xy = writeShiftedData(tmp, 12, 2, 22);
        Path model = tmp.resolve("m");
        assertThat(cli.run("relu2", "fit", "--x", xy[0].toString(), "--y", xy[1].toString(), "--beta", "0.1",
                "--patterns", "all", "--standardize", "--quiet", "--out", model.toString())).as(cli.err()).isZero();
        Path pred = tmp.resolve("never.npy");
        NpyWriter.write(model.resolve("feature_scale.npy"), new DMatrixRMaj(new double[][] {{1}, {0}}));
        assertThat(cli.run("relu2", "predict", "--model", model.toString(), "--x", xy[0].toString(), "--out",
                pred.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("--model").contains("feature_scale.npy").contains("entry 1 = 0.0")
                .doesNotContain("Exception");
        assertThat(cli.err().strip().lines().count()).isEqualTo(1);
        NpyWriter.write(model.resolve("feature_scale.npy"), new DMatrixRMaj(3, 1));
        assertThat(cli.run("relu2", "predict", "--model", model.toString(), "--x", xy[0].toString())).isEqualTo(2);
        assertThat(cli.err()).contains("feature_scale.npy").contains("3x1").contains("2x1");
        Files.delete(model.resolve("feature_mean.npy"));
        assertThat(cli.run("relu2", "predict", "--model", model.toString(), "--x", xy[0].toString(), "--out",
                pred.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("feature_mean.npy is missing");
        assertThat(Files.exists(pred)).isFalse();
    }

    @Test
    void certifyWritesTheStatisticsOfStandardizedFeaturesToo(@TempDir Path tmp) throws Exception {
        Path[] xy = writeShiftedData(tmp, 12, 2, 23);
        Path fitted = tmp.resolve("fitted");
        String[] data = {"--x", xy[0].toString(), "--y", xy[1].toString(), "--beta", "0.1", "--patterns", "all",
            "--standardize", "--quiet"};
        assertThat(cli.run(concat(new String[] {"relu2", "fit"}, data, new String[] {"--out", fitted.toString()})))
                .as(cli.err()).isZero();
        Path certified = tmp.resolve("certified");
        assertThat(cli.run(concat(new String[] {"relu2", "certify"}, data, new String[] {"--first-layer",
            fitted.resolve("first_layer.npy").toString(), "--second-layer",
            fitted.resolve("second_layer.npy").toString(), "--json", "--out", certified.toString()})))
                .as(cli.err()).isZero();
        JsonNode c = cli.json();
        assertThat(c.get("standardized").asBoolean()).isTrue();
        assertThat(NpyReader.read(certified.resolve("feature_scale.npy"), "scale").data)
                .containsExactly(NpyReader.read(fitted.resolve("feature_scale.npy"), "scale").data);
        assertThat(cli.run("relu2", "predict", "--model", certified.toString(), "--x", xy[0].toString(), "--y",
                xy[1].toString(), "--json")).as(cli.err()).isZero();
        assertThat(cli.json().get("mse").asDouble()).isCloseTo(c.get("convex_train_mse").asDouble(),
                org.assertj.core.data.Offset.offset(METRIC_ATOL));
    }

    private static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }

    @Test
    void onTheFashionMnistTestSplitPredictReproducesFitsTestAccuracy(@TempDir Path tmp) throws Exception {
        Path model = tmp.resolve("fashion");
        assertThat(cli.run("relu2", "fit", "--dataset", "fashion-mnist", "--classes", "0,6", "--samples", "200",
                "--standardize", "--beta", "1", "--patterns", "20", "--cuts", "0", "--gated", "--tolerance", "1e-3",
                "--max-iterations", "300", "--json", "--quiet", "--out", model.toString())).as(cli.err()).isZero();
        JsonNode fitted = cli.json();
        assertThat(cli.run("relu2", "predict", "--model", model.toString(), "--dataset", "fashion-mnist", "--json"))
                .as(cli.err()).isZero();
        JsonNode j = cli.json();
        assertThat(j.get("samples").asInt()).isEqualTo(2000);
        assertThat(j.get("standardized").asBoolean()).isTrue();
        assertThat(j.get("data").asText()).contains("fashion-mnist classes 0 vs 6").contains("t10k");
        assertThat(j.get("accuracy").asDouble()).isEqualTo(fitted.get("test_accuracy").asDouble());
        assertThat(j.get("mse").asDouble()).isCloseTo(fitted.get("test_mse").asDouble(),
                org.assertj.core.data.Offset.offset(METRIC_ATOL));
    }

    @Test
    void theDataSourceOfPredictIsOneOfXAndDataset(@TempDir Path tmp) throws Exception {
        Path[] xy = writeData(tmp, false, 10, 2, 4);
        Path model = fit(tmp, xy, "squared", false);
        assertThat(cli.run("relu2", "predict", "--model", model.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("--x").doesNotContain("Exception");
        assertThat(cli.run("relu2", "predict", "--model", model.toString(), "--x", xy[0].toString(), "--dataset",
                "fashion-mnist")).isEqualTo(2);
        assertThat(cli.err()).contains("--x").contains("--dataset");
        assertThat(cli.run("relu2", "predict", "--model", model.toString(), "--dataset", "fashion-mnist", "--y",
                xy[1].toString())).isEqualTo(2);
        assertThat(cli.err()).contains("--y").contains("--dataset");
        assertThat(cli.run("relu2", "predict", "--model", model.toString(), "--dataset", "mnist")).isEqualTo(2);
        assertThat(cli.err()).contains("--dataset").contains("fashion-mnist");
        assertThat(cli.run("relu2", "predict", "--model", model.toString(), "--dataset", "fashion-mnist",
                "--classes", "3,3")).isEqualTo(2);
        assertThat(cli.err()).contains("--classes");
        // A 2-feature model on 784-pixel images: named, with both shapes.
        assertThat(cli.run("relu2", "predict", "--model", model.toString(), "--dataset", "fashion-mnist"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("--dataset").contains("2000x784").contains("2 features per row");
        assertThat(cli.err().strip().lines().count()).isEqualTo(1);
    }
}
