package io.dualnet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

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
}
