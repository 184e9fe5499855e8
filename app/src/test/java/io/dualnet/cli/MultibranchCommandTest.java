package io.dualnet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dualnet multibranch gap | train | shapley-folkman}: JSON fields, hand-checkable values, warnings for the
 * restart fall-back and for Assumption 1, and bad input (one line, exit 2, no output file).
 */
class MultibranchCommandTest {
    private static final double ATOL = 1e-9;

    private final CliHarness cli = new CliHarness();

    @TempDir
    Path tmp;

    private int run(String... args) {
        return cli.run(args);
    }

    private JsonNode json() throws Exception {
        return cli.json();
    }

    private String err() {
        return cli.err();
    }

    /** f = w x on {-1, 0, 1}: inf(P) = 1 - a floor(I K)/I, sup(D) = 1 - a K with a = mean(yx)/tau = 1/8. */
    @Test
    void gapOfTheTwoPointLatticeByHand() throws Exception {
        assertThat(run("multibranch", "gap", "--branch", "1-1:linear", "--resolution", "1", "--box", "1", "--tau", "4",
                "--budget", "0.5", "--I", "1,3,4", "--threads", "1", "--json")).as(err()).isZero();
        JsonNode j = json();
        assertThat(j.get("problem").asText()).isEqualTo("zhang-multibranch-gap");
        assertThat(j.get("assumption1").get("status").asText()).isEqualTo("holds");
        assertThat(j.get("branches").get(0).get("rho").asDouble()).isCloseTo(0.125,
                org.assertj.core.data.Offset.offset(ATOL));
        double[] expected = {1.0, 1 - 0.125 / 3, 1 - 0.125 / 2};
        for (int i = 0; i < 3; i++) {
            JsonNode r = j.get("results").get(i);
            assertThat(Math.abs(r.get("primal").asDouble() - expected[i])).isLessThanOrEqualTo(ATOL);
            assertThat(Math.abs(r.get("dual").asDouble() - (1 - 0.125 * 0.5))).isLessThanOrEqualTo(ATOL);
            assertThat(r.get("exact").asBoolean()).isTrue();
            assertThat(r.get("holds").asBoolean()).isTrue();
        }
        assertThat(j.has("hinge")).isFalse();
    }

    @Test
    void tauOneWarnsAndBoundsTheHingeProblem() throws Exception {
        assertThat(run("multibranch", "gap", "--tau", "1", "--budget", "6", "--resolution", "8", "--I", "1,10,1000",
                "--threads", "2", "--json")).as(err()).isZero();
        assertThat(err()).startsWith("dualnet: warning: Assumption 1 fails").contains("margin");
        JsonNode j = json();
        assertThat(j.get("assumption1").get("margin").asDouble()).isNegative();
        JsonNode h = j.get("hinge");
        assertThat(h.get("relaxation").get("converged").asBoolean()).isTrue();
        assertThat(h.get("results").get(0).get("exact").asBoolean()).isTrue();
        for (JsonNode r : h.get("results")) {
            assertThat(r.get("primal_upper").asDouble()).isGreaterThanOrEqualTo(r.get("dual_lower").asDouble() - ATOL);
        }
    }

    @Test
    void largeBranchesFallBackToRestartsAndSayWhy() throws Exception {
        assertThat(run("multibranch", "gap", "--branch", "1-2-1:tanh:bias", "--resolution", "6", "--restarts", "2",
                "--I", "1,100", "--threads", "2", "--json")).as(err()).isZero();
        assertThat(err()).contains("warning").contains("p = 7").contains("multistart-adam");
        JsonNode b = json().get("branches").get(0);
        assertThat(b.get("method").asText()).isEqualTo("multistart-adam");
        assertThat(b.get("fallback").asText()).contains("not exact");
        assertThat(b.get("certified").asBoolean()).isFalse();
    }

    @Test
    void trainReportsTheCertifiedComparison() throws Exception {
        assertThat(run("multibranch", "train", "--I", "4", "--budget", "3", "--box", "2", "--epochs", "40",
                "--restarts", "2", "--resolution", "10", "--threads", "2", "--json")).as(err()).isZero();
        JsonNode j = json();
        assertThat(j.get("problem").asText()).isEqualTo("zhang-multibranch-train");
        assertThat(j.get("average_regularizer").asDouble()).isLessThanOrEqualTo(3 + ATOL);
        assertThat(j.get("certified").get("above_lower_bound").asBoolean()).isTrue();
        assertThat(run("multibranch", "train", "--generate", "blobs", "--classes", "3", "--n", "30", "--branch",
                "2-3-3:relu:bias", "--loss", "cross-entropy", "--epochs", "5", "--threads", "1")).as(err()).isZero();
        assertThat(cli.out()).contains("accuracy");
    }

    @Test
    void shapleyFolkmanWritesTheFigureAndTheDistances() throws Exception {
        Path dir = tmp.resolve("sf");
        assertThat(run("multibranch", "shapley-folkman", "--out", dir.toString(), "--max-copies", "4",
                "--samples", "200", "--resolution", "60", "--json")).as(err()).isZero();
        JsonNode j = json();
        assertThat(Files.size(dir.resolve("figure3.png"))).isPositive();
        assertThat(Files.size(dir.resolve("nonconvexity.svg"))).isPositive();
        JsonNode first = j.get("hausdorff").get(0);
        assertThat(first.get("k").asInt()).isEqualTo(1);
        assertThat(Math.abs(first.get("hausdorff").asDouble() - Math.sqrt(2) / 4)).isLessThan(1e-3);
    }

    @Test
    void badInputIsOneLineExitTwoAndWritesNothing() {
        Path dir = tmp.resolve("nothing");
        String[][] cases = {
            {"multibranch"},
            {"multibranch", "gap", "--tau", "0"},
            {"multibranch", "gap", "--branch", "1-1-x"},
            {"multibranch", "gap", "--branch", "2-1:tanh"},
            {"multibranch", "gap", "--I", "0"},
            {"multibranch", "gap", "--method", "magic"},
            {"multibranch", "gap", "--method", "lattice", "--branch", "1-8-1:relu:bias"},
            {"multibranch", "gap", "--generate", "nope"},
            {"multibranch", "train", "--loss", "squared"},
            {"multibranch", "train", "--lr", "-1"},
            {"multibranch", "train", "--loss", "cross-entropy"},
            {"multibranch", "shapley-folkman", "--p", "2", "--out", dir.toString()},
        };
        String[] mustName = {"subcommand", "tau", "--branch", "--branch", "--I", "--method", "resolution",
            "--generate", "--loss", "--lr", "--branch", "p"};
        for (int i = 0; i < cases.length; i++) {
            assertThat(run(cases[i])).as(String.join(" ", cases[i])).isEqualTo(Main.BAD_INPUT);
            assertThat(err().lines().count()).as(err()).isEqualTo(1);
            assertThat(err()).contains(mustName[i]).doesNotContain("Exception");
        }
        assertThat(Files.exists(dir)).isFalse();
    }
}
