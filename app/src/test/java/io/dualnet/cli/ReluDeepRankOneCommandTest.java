package io.dualnet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualnet.data.NpyReader;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code dualnet relu-deep rank-one|parallel}: the JSON contract, bad input and all-or-nothing output. */
class ReluDeepRankOneCommandTest {
    private static final double TOL = 1e-9;
    private final CliHarness cli = new CliHarness();

    @Test
    void rankOneJsonHasTheContractFields(@TempDir Path dir) throws Exception {
        Path x = dir.resolve("x.csv");
        Path y = dir.resolve("y.csv");
        Files.writeString(x, "1,0\n-1,0\n");
        Files.writeString(y, "1\n-1\n");
        assertThat(cli.run("relu-deep", "rank-one", "--x", x.toString(), "--y", y.toString(), "--depth", "3", "--json"))
                .as(cli.err()).isZero();
        JsonNode j = cli.json();
        for (String f : List.of("problem", "depth", "primal", "dual", "gap", "sign_case", "rank_one_deviation", "status")) {
            assertThat(j.has(f)).as(f).isTrue();
        }
        assertThat(j.get("primal").asDouble()).isCloseTo(3.0, within(TOL));
        assertThat(j.get("dual").asDouble()).isCloseTo(1.5 * Math.pow(2, 2.0 / 3), within(TOL));
        assertThat(j.get("sign_case").asText()).isEqualTo("opposite");
        assertThat(j.get("status").asText()).isEqualTo("optimal");
        assertThat(j.get("rank_one_deviation").asDouble()).isLessThan(1e-12);
        assertThat(cli.run("relu-deep", "rank-one", "--generate", "wang-thm5-same", "--json")).isZero();
        assertThat(cli.json().get("sign_case").asText()).isEqualTo("same");
        assertThat(cli.json().get("gap").asDouble()).isCloseTo(0, within(TOL));
    }

    @Test
    void outWritesWeightsThatReproduceTheTarget(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("net");
        assertThat(cli.run("relu-deep", "rank-one", "--generate", "rank-one", "--depth", "4", "--out", out.toString(),
                "--json")).as(cli.err()).isZero();
        double primal = cli.json().get("primal").asDouble();
        double norm = 0;
        for (int l = 1; l <= 4; l++) {
            DMatrixRMaj w = NpyReader.read(out.resolve("W" + l + ".npy"), "w");
            for (double v : w.data) {
                norm += v * v;
            }
        }
        assertThat(0.5 * norm).isCloseTo(primal, within(TOL * primal));
        assertThat(out.resolve("lambda.npy")).exists();
        assertThat(out.resolve("certificate.json")).exists();
        // an --out that is a file fails before any work, leaving nothing behind
        Path file = dir.resolve("file");
        Files.writeString(file, "x");
        assertThat(cli.run("relu-deep", "rank-one", "--generate", "rank-one", "--out", file.toString())).isEqualTo(2);
        assertThat(cli.err()).startsWith("dualnet: error: invalid --out");
    }

    @Test
    void badInputIsOneLineWithExitCode2(@TempDir Path dir) throws Exception {
        Path x = dir.resolve("x.csv");
        Path y = dir.resolve("y.csv");
        Files.writeString(x, "1,0\n0,0.31\n");
        Files.writeString(y, "1\n1\n");
        assertThat(cli.run("relu-deep", "rank-one", "--x", x.toString(), "--y", y.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("X is not rank-one: sigma_2/sigma_1 = 0.310 > tolerance").doesNotContain("\tat ");
        assertThat(cli.err().strip().lines().count()).isEqualTo(1);
        assertThat(cli.run("relu-deep", "rank-one", "--x", x.toString(), "--y", y.toString(), "--force", "--json")).isZero();
        assertThat(cli.json().get("status").asText()).isEqualTo("forced");
        Files.writeString(x, "1,0\n2,0\n");
        assertThat(cli.run("relu-deep", "rank-one", "--x", x.toString(), "--y", y.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("invalid --y").contains("cannot fit");
        assertThat(cli.run("relu-deep", "rank-one", "--generate", "nope")).isEqualTo(2);
        assertThat(cli.run("relu-deep", "rank-one", "--generate", "wang-thm5", "--depth", "1")).isEqualTo(2);
        assertThat(cli.err()).contains("--depth");
    }

    @Test
    void biasGivesTheSplineValue(@TempDir Path dir) throws Exception {
        Path x = dir.resolve("x.csv");
        Path y = dir.resolve("y.csv");
        Files.writeString(x, "-1\n0\n1\n");
        Files.writeString(y, "1\n0\n1\n");
        assertThat(cli.run("relu-deep", "rank-one", "--x", x.toString(), "--y", y.toString(), "--bias", "--depth", "2",
                "--json")).as(cli.err()).isZero();
        assertThat(cli.json().get("primal").asDouble()).isCloseTo(2, within(1e-8));
        assertThat(cli.json().get("dual").asDouble()).isCloseTo(2, within(1e-8));
        assertThat(cli.run("relu-deep", "rank-one", "--x", x.toString(), "--y", y.toString(), "--bias", "--depth", "3"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("one sign");
    }

    @Test
    void parallelBracketsTheExactValueOnRankOneData() throws Exception {
        assertThat(cli.run("relu-deep", "parallel", "--generate", "rank-one", "--rounds", "6", "--starts", "3", "--json"))
                .as(cli.err()).isZero();
        JsonNode j = cli.json();
        double exact = j.get("rank_one_exact").asDouble();
        assertThat(j.get("primal_upper").asDouble()).isCloseTo(exact, within(1e-6));
        assertThat(j.get("dual_lower_estimate").asDouble()).isCloseTo(exact, within(1e-6));
        assertThat(j.get("dual_lower_certified").asDouble()).isLessThanOrEqualTo(exact + TOL);
        assertThat(j.get("fit_residual").asDouble()).isLessThan(1e-9);
        assertThat(cli.run("relu-deep", "parallel", "--generate", "wang-thm5", "--hidden", "0")).isEqualTo(2);
    }

    @Test
    void parallelAcceptsVectorOutputsAndClosesTheBracketOnARankOneTarget(@TempDir Path dir) throws Exception {
        // rank-one X = c a0^T, Y = y u^T with u = (1, -0.5): (23) has ||u|| times the scalar value
        Path x = dir.resolve("x.csv");
        Path y = dir.resolve("y.csv");
        Files.writeString(x, "0.8,1.6\n-1.6,-3.2\n0.4,0.8\n-0.8,-1.6\n");
        Files.writeString(y, "1.5,-0.75\n1.4,-0.7\n0.75,-0.375\n0.7,-0.35\n");
        Path out = dir.resolve("net");
        assertThat(cli.run("relu-deep", "parallel", "--x", x.toString(), "--y", y.toString(), "--rounds", "6",
                "--starts", "3", "--out", out.toString(), "--json")).as(cli.err()).isZero();
        JsonNode j = cli.json();
        assertThat(j.get("outputs").asInt()).isEqualTo(2);
        assertThat(j.get("branch_bound").asInt()).isEqualTo(9);
        double exact = j.get("rank_one_exact").asDouble();
        assertThat(exact).isCloseTo(Math.sqrt(1.25) * (1.5 + 0.7) / Math.sqrt(0.8 * 0.8 + 1.6 * 1.6), within(1e-9));
        assertThat(j.get("primal_upper").asDouble()).isCloseTo(exact, within(1e-6));
        assertThat(j.get("dual_lower_estimate").asDouble()).isCloseTo(exact, within(1e-6));
        assertThat(j.get("dual_lower_certified").asDouble()).isLessThanOrEqualTo(exact + TOL);
        assertThat(j.get("fit_residual").asDouble()).isLessThan(1e-9);
        DMatrixRMaj last = NpyReader.read(out.resolve("last_layer.npy"), "last");
        DMatrixRMaj lambda = NpyReader.read(out.resolve("lambda.npy"), "lambda");
        assertThat(last.numCols).isEqualTo(2);
        assertThat(last.numRows).isEqualTo(j.get("active_branches").asInt());
        assertThat(lambda.numRows).isEqualTo(4);
        assertThat(lambda.numCols).isEqualTo(2);
    }
}
