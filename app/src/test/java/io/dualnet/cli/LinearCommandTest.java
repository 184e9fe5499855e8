package io.dualnet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dualnet linear ...}: values against the spec's tables (paper 002, Sections 1.7 and 1.12) and bad input. */
class LinearCommandTest {
    private static final double ATOL = 1e-4;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) {
        outBytes.reset();
        errBytes.reset();
        return Main.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8), false);
    }

    private JsonNode json() throws Exception {
        return JsonOutput.mapper().readTree(outBytes.toString(StandardCharsets.UTF_8));
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void minNormMatchesTheSpecTable() throws Exception {
        double[][] expected = {{2, 6.0, 6.0}, {3, 7.0012, 4.9529}, {4, 8.2925, 4.8990}, {5, 9.6784, 5.1192}};
        for (double[] row : expected) {
            assertThat(run("linear", "min-norm", "--generate", "diag321", "--depth", Integer.toString((int) row[0]),
                    "--json")).as(err()).isZero();
            JsonNode j = json();
            assertThat(Math.abs(j.get("primal").asDouble() - row[1])).isLessThanOrEqualTo(ATOL);
            assertThat(Math.abs(j.get("dual").asDouble() - row[2])).isLessThanOrEqualTo(ATOL);
            assertThat(Math.abs(j.get("parallel").asDouble() - 6.0)).isLessThanOrEqualTo(1e-12);
            assertThat(j.get("gap_vanishes").asBoolean()).isEqualTo(row[0] == 2);
        }
    }

    @Test
    void trainingVerifiesTheGapOnEqualSingularValues() throws Exception {
        assertThat(run("linear", "min-norm", "--generate", "eye2", "--depth", "3", "--train", "--restarts", "2",
                "--iterations", "4000", "--json")).as(err()).isZero();
        JsonNode t = json().get("training");
        // P = 3 (the standard network), D = 1.5 * 2^(2/3) = 2.381, parallel = ||I||_* = 2.
        assertThat(Math.abs(t.get("standard_best").asDouble() - 3.0)).isLessThanOrEqualTo(1e-3);
        assertThat(Math.abs(t.get("parallel_best").asDouble() - 2.0)).isLessThanOrEqualTo(1e-3);
    }

    @Test
    void staircaseMatchesFigure3Values() throws Exception {
        assertThat(run("linear", "staircase", "--generate", "diag321", "--depth", "5", "--json")).isZero();
        JsonNode j = json();
        double[] optimized = {5.1192, 6.3007, 7.7995, 9.6784};
        double[] atOne = {6.0, 10.0838, 17.1915, 29.4888};
        for (int l = 0; l < 4; l++) {
            assertThat(Math.abs(j.get("optimized").get(l).asDouble() - optimized[l])).isLessThanOrEqualTo(ATOL);
            assertThat(Math.abs(j.get("rescaled").get(l).asDouble() - atOne[l])).isLessThanOrEqualTo(ATOL);
        }
        assertThat(j.get("strictly_increasing").asBoolean()).isTrue();
    }

    @Test
    void twoLayerAndWeightDecayPrintCertificates() throws Exception {
        assertThat(run("linear", "two-layer", "--generate", "diag321", "--beta", "1.5", "--json")).isZero();
        JsonNode j = json();
        // X = I: W = SVT_1.5(diag(3,2,1)) = diag(1.5, 0.5, 0), rank 2.
        assertThat(j.get("rank").asInt()).isEqualTo(2);
        assertThat(Math.abs(j.get("primal").asDouble() - j.get("dual").asDouble())).isLessThanOrEqualTo(1e-8);
        assertThat(run("linear", "weight-decay", "--generate", "diag321", "--depth", "2", "--beta", "1.5", "--json"))
                .isZero();
        assertThat(json().get("rank").asInt()).isEqualTo(2);
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        String[][] cases = {
            {"linear"},
            {"linear", "min-norm", "--generate", "diag321", "--widths", "1,1"},
            {"linear", "min-norm", "--generate", "diag321", "--depth", "1"},
            {"linear", "staircase", "--generate", "diag321", "--t", "0"},
            {"linear", "two-layer", "--generate", "diag321", "--beta", "-1"},
            {"linear", "weight-decay", "--generate", "nope", "--beta", "1"},
        };
        String[] mustName = {"subcommand", "--widths", "--depth", "--t", "--beta", "--generate"};
        for (int i = 0; i < cases.length; i++) {
            assertThat(run(cases[i])).as(String.join(" ", cases[i])).isEqualTo(Main.BAD_INPUT);
            assertThat(err().lines().count()).as(err()).isEqualTo(1);
            assertThat(err()).contains(mustName[i]).doesNotContain("Exception");
        }
    }
}
