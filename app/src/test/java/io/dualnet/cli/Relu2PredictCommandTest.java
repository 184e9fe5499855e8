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
}
