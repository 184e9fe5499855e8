package io.dualnet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualnet.data.NpyReader;
import io.dualnet.net.DeepReluNetwork;
import io.dualnet.train.DeepReluTrainer;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dualnet relu-deep spline|whitened}: JSON fields, written weights, bad input. */
class ReluDeepCommandTest {
    private static final double VALUE_RTOL = 1e-10;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @TempDir
    Path tmp;

    private int run(String... args) {
        outBytes.reset();
        errBytes.reset();
        return Main.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8), false);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void whitenedMinNormJsonHasTheDocumentedFieldsAndTheWeightsReproduceThePrimal() throws IOException {
        Path dir = tmp.resolve("w");
        int code = run("relu-deep", "whitened", "--generate", "gaussian", "--n", "6", "--d", "9", "--classes", "1",
                "--depth", "4", "--width", "2", "--json", "--out", dir.toString());
        assertThat(code).as(err()).isZero();
        JsonNode json = JsonOutput.mapper().readTree(out());
        for (String f : List.of("problem", "n", "d", "k", "depth", "width", "beta", "variant", "primal", "dual", "gap",
                "relative_gap", "status", "loss", "penalty", "residual", "paths", "path_norms", "path_gains",
                "rescaled_primal", "rescaled_dual", "whitening_deviation", "whitening_check",
                "whitening_failure_probability", "column_deviation", "orthogonality_deviation", "seconds", "out")) {
            assertThat(json.has(f)).as(f).isTrue();
        }
        assertThat(json.get("status").asText()).isEqualTo("certified");
        assertThat(json.get("whitening_check").asText()).isEqualTo("exact");
        assertThat(json.get("column_deviation").asDouble()).isCloseTo(Math.sqrt(3), org.assertj.core.data.Offset.offset(1e-9));
        List<DMatrixRMaj> w = new ArrayList<>();
        for (int l = 1; l <= 4; l++) {
            w.add(NpyReader.read(dir.resolve("W" + l + ".npy"), "W" + l));
        }
        double half = 0.5 * DeepReluNetwork.withoutBiases(w).squaredNorm(false);
        assertThat(half).isCloseTo(json.get("primal").asDouble(),
                org.assertj.core.data.Offset.offset(VALUE_RTOL * half));
        assertThat(Files.exists(dir.resolve("certificate.json"))).isTrue();
    }

    @Test
    void whitenedWithTrainingReportsTheComparison() throws IOException {
        int code = run("relu-deep", "whitened", "--generate", "gaussian", "--n", "6", "--d", "9", "--classes", "2",
                "--width", "4", "--beta", "0.1", "--train", "--epochs", "50", "--batch", "0", "--lr", "1e-2",
                "--json");
        assertThat(code).as(err()).isZero();
        JsonNode t = JsonOutput.mapper().readTree(out()).get("trained");
        assertThat(t.get("below_lower_bound").asBoolean()).isFalse();
        assertThat(t.get("final_objectives")).hasSize(2);
    }

    @Test
    void dataThatIsNotWhitenedIsOneLineWithTheDeviationAndForceBuildsAnyway() throws IOException {
        Path x = tmp.resolve("x.csv");
        Path y = tmp.resolve("y.csv");
        Files.writeString(x, "1,2,0\n3,4,1\n");
        Files.writeString(y, "1,0\n0,1\n");
        int code = run("relu-deep", "whitened", "--x", x.toString(), "--y", y.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err()).startsWith("dualnet: error: invalid --x: X is not whitened: ||X X^T - I|| = ")
                .contains("> tolerance 1e-9").hasLineCount(1);
        assertThat(out()).isEmpty();
        code = run("relu-deep", "whitened", "--x", x.toString(), "--y", y.toString(), "--force", "--json");
        assertThat(code).as(err()).isZero();
        assertThat(JsonOutput.mapper().readTree(out()).get("status").asText()).isEqualTo("forced");
        Path out = tmp.resolve("M");
        code = run("relu-deep", "whitened", "--x", x.toString(), "--y", y.toString(), "--whiten", "--json",
                "--out", out.toString());
        assertThat(code).as(err()).isZero();
        assertThat(JsonOutput.mapper().readTree(out()).get("whitening_deviation").asDouble()).isLessThan(1e-12);
        assertThat(NpyReader.read(out.resolve("M.npy"), "M").numRows).isEqualTo(3);
    }

    /**
     * Issue 13 follow-up: {@code --whiten} on an X of rank below n named the library's parameter ({@code invalid x =
     * 8x3 ...}); the message names {@code --x}, the measured rank and what is expected, and nothing is written.
     */
    @Test
    void whiteningAnXOfRankBelowNNamesTheFlag() throws IOException {
        Path x = tmp.resolve("x83.csv");
        Path y = tmp.resolve("y81.csv");
        StringBuilder xs = new StringBuilder();
        StringBuilder ys = new StringBuilder();
        for (int i = 1; i <= 8; i++) {
            xs.append(i).append(',').append(i * i).append(",1\n");
            ys.append(i % 2).append('\n');
        }
        Files.writeString(x, xs.toString());
        Files.writeString(y, ys.toString());
        Path dir = tmp.resolve("never");
        int code = run("relu-deep", "whitened", "--x", x.toString(), "--y", y.toString(), "--whiten", "--force",
                "--out", dir.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err()).isEqualTo("dualnet: error: invalid --x = 8x3 of numerical rank 3: expected n linearly "
                + "independent rows (rank n <= d) so that X M M^T X^T = I_n can hold" + System.lineSeparator());
        assertThat(out()).isEmpty();
        assertThat(dir).doesNotExist();
        assertThat(tmp.toFile().list()).containsExactlyInAnyOrder("x83.csv", "y81.csv");
    }

    @Test
    void badFlagsAreNamed() throws IOException {
        assertThat(run("relu-deep", "whitened", "--generate", "gaussian", "--n", "6", "--d", "9", "--width", "3"))
                .isEqualTo(2);
        assertThat(err()).startsWith("dualnet: error: invalid --width = 3: expected at least 6").hasLineCount(1);
        assertThat(run("relu-deep", "whitened", "--generate", "nope")).isEqualTo(2);
        assertThat(err()).contains("--generate");
        assertThat(run("relu-deep", "whitened", "--generate", "gaussian", "--variant", "paper-as-printed"))
                .isEqualTo(2);
        assertThat(err()).contains("--variant");
        Path file = tmp.resolve("file");
        Files.writeString(file, "x");
        assertThat(run("relu-deep", "spline", "--out", file.toString(), "--epochs", "1")).isEqualTo(2);
        assertThat(err()).contains("--out");
        Path x = tmp.resolve("x2.csv");
        Files.writeString(x, "1,2\n3,4\n");
        assertThat(run("relu-deep", "spline", "--x", x.toString(), "--y", x.toString())).isEqualTo(2);
        assertThat(err()).contains("--x").contains("one-dimensional");
        assertThat(run("relu-deep")).isEqualTo(2);
    }

    @Test
    void splineJsonMeasuresTheWrittenNetwork() throws IOException {
        Path dir = tmp.resolve("s");
        int code = run("relu-deep", "spline", "--points", "5", "--depth", "3", "--width", "6", "--epochs", "300",
                "--restarts", "2", "--json", "--out", dir.toString());
        assertThat(code).as(err()).isZero();
        JsonNode json = JsonOutput.mapper().readTree(out());
        for (String f : List.of("problem", "n", "depth", "width", "beta", "objective", "kinks", "kink_slope_changes",
                "kink_relative_distances", "significant_kinks", "max_relative_kink_distance", "near_data_share",
                "sup_distance", "relative_sup_distance", "min_spacing", "window", "status", "best_restart",
                "restarts", "epochs", "seed", "seconds")) {
            assertThat(json.has(f)).as(f).isTrue();
        }
        List<DMatrixRMaj> w = new ArrayList<>();
        List<double[]> b = new ArrayList<>();
        for (int l = 1; l <= 3; l++) {
            w.add(NpyReader.read(dir.resolve("W" + l + ".npy"), "W"));
            b.add(NpyReader.read(dir.resolve("b" + l + ".npy"), "b").data);
        }
        DeepReluNetwork net = new DeepReluNetwork(w, b);
        double[][] data = io.dualnet.experiment.Ergen003DeepRelu.splineData(5, 1);
        double obj = DeepReluTrainer.objective(net, DeepReluTrainer.column(data[0]),
                DeepReluTrainer.column(data[1]), 1e-2, false);
        assertThat(obj).isCloseTo(json.get("objective").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
    }
}
