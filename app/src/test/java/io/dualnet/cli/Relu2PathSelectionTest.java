package io.dualnet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** {@code relu2 path --select validation}: the held-out metric per beta and the selected beta. */
class Relu2PathSelectionTest {
    private final CliHarness cli = new CliHarness();

    @Test
    void selectsTheBetaWithTheBestValidationAccuracyAndPrintsTestMetrics() throws Exception {
        assertThat(cli.run("relu2", "path", "--generate", "teacher", "--samples", "60", "--dim", "3",
                "--test-fraction", "0.25", "--loss", "logistic", "--betas", "10,1,0.1", "--patterns", "30",
                "--gated", "--select", "validation", "--json", "--quiet")).as(cli.err()).isZero();
        JsonNode j = cli.json();
        assertThat(j.get("selection").asText()).isEqualTo("validation");
        assertThat(j.get("validation_samples").asInt()).isPositive();
        double best = -1;
        double bestBeta = Double.NaN;
        for (JsonNode row : j.get("path")) {
            assertThat(row.has("test_accuracy")).isTrue();
            assertThat(row.has("primal") && row.has("dual") && row.has("gap")).isTrue();
            double v = row.get("validation_accuracy").asDouble();
            if (v > best) {
                best = v;
                bestBeta = row.get("beta").asDouble();
            }
        }
        assertThat(j.get("selected_beta").asDouble()).isEqualTo(bestBeta);
    }

    @Test
    void squaredLossScoresByMeanSquaredErrorAndBadSelectionsAreOneLine() throws Exception {
        assertThat(cli.run("relu2", "path", "--generate", "teacher", "--samples", "40", "--dim", "2",
                "--betas", "1,0.1", "--patterns", "20", "--select", "validation", "--json", "--quiet"))
                .as(cli.err()).isZero();
        for (JsonNode row : cli.json().get("path")) {
            assertThat(row.get("validation_mse").asDouble()).isNotNegative();
        }
        assertThat(cli.run("relu2", "path", "--generate", "teacher", "--samples", "40", "--dim", "2",
                "--betas", "1", "--select", "cross")).isEqualTo(2);
        assertThat(cli.err()).contains("--select").contains("validation");
        assertThat(cli.run("relu2", "path", "--generate", "teacher", "--samples", "40", "--dim", "2",
                "--betas", "1", "--select", "validation", "--validation-fraction", "1.5")).isEqualTo(2);
        assertThat(cli.err()).contains("--validation-fraction");
    }

    @Test
    void outWritesTheSelectedBetasNetworkThatPredictReads(@TempDir Path tmp) throws Exception {
        LabeledData data = PlantedRelu.generate(40, 2, 3, 0.1, false, 31);
        Path x = tmp.resolve("x.npy");
        Path y = tmp.resolve("y.npy");
        NpyWriter.write(x, data.x());
        NpyWriter.write(y, new DMatrixRMaj(40, 1, true, data.y()));
        Path model = tmp.resolve("selected");
        assertThat(cli.run("relu2", "path", "--x", x.toString(), "--y", y.toString(), "--betas", "3,0.3,0.03",
                "--patterns", "20", "--standardize", "--select", "validation", "--out", model.toString(), "--json",
                "--quiet")).as(cli.err()).isZero();
        JsonNode path = cli.json();
        double selected = path.get("selected_beta").asDouble();
        JsonNode written = new ObjectMapper().readTree(model.resolve("certificate.json").toFile());
        assertThat(written.get("beta").asDouble()).isEqualTo(selected);
        assertThat(written.get("standardized").asBoolean()).isTrue();
        JsonNode row = null;
        for (JsonNode r : path.get("path")) {
            if (r.get("beta").asDouble() == selected) {
                row = r;
            }
        }
        assertThat(row).isNotNull();
        assertThat(written.get("validation_mse").asDouble()).isEqualTo(row.get("validation_mse").asDouble());
        assertThat(NpyReader.read(model.resolve("first_layer.npy"), "u").numCols)
                .isEqualTo(row.get("neurons").asInt());
        assertThat(cli.run("relu2", "predict", "--model", model.toString(), "--x", x.toString(), "--y",
                y.toString(), "--json")).as(cli.err()).isZero();
        assertThat(cli.json().get("standardized").asBoolean()).isTrue();
        assertThat(cli.json().get("mse").asDouble()).isFinite().isNotNegative();
    }

    @Test
    void outWithoutSelectionIsOneLineAndWritesNothing(@TempDir Path tmp) throws Exception {
        Path model = tmp.resolve("never");
        assertThat(cli.run("relu2", "path", "--generate", "teacher", "--samples", "40", "--dim", "2",
                "--betas", "1", "--out", model.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("--out").contains("--select validation").doesNotContain("Exception");
        assertThat(cli.err().strip().lines().count()).isEqualTo(1);
        assertThat(Files.exists(model)).isFalse();
    }
}
