package io.dualnet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualnet.data.NpyReader;
import io.dualnet.net.DeepLinearProblem;
import io.dualnet.net.DeepLinearWeights;
import io.dualnet.data.PaperInstances;
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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dualnet deep-linear}: the JSON certificate, the written weights and bad input. */
class DeepLinearCommandTest {
    private static final double GAP_RTOL = 1e-8;
    private static final double VALUE_RTOL = 1e-10;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @TempDir
    Path tmp;

    private int run(String... args) {
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
    void a2CertificateHasTheDocumentedFieldsAndAZeroGap() throws IOException {
        int code = run("deep-linear", "--generate", "a2", "--depth", "3", "--widths", "20,20", "--gamma", "0.05",
                "--json");
        assertThat(code).as(err()).isZero();
        JsonNode json = JsonOutput.mapper().readTree(out());
        for (String field : List.of("primal", "dual", "gap", "relative_gap", "status", "rank", "dmin", "gamma",
                "depth", "widths", "n", "d0", "dH", "dual_infeasibility", "method", "seconds", "dual_solver",
                "backend")) {
            assertThat(json.has(field)).as(field).isTrue();
        }
        double primal = json.get("primal").asDouble();
        double dual = json.get("dual").asDouble();
        assertThat(Math.abs(primal - dual)).isLessThanOrEqualTo(GAP_RTOL * Math.abs(primal));
        assertThat(json.get("status").asText()).isEqualTo("optimal");
        assertThat(json.get("rank").asInt()).isEqualTo(20);
        assertThat(json.get("dmin").asInt()).isEqualTo(20);
        assertThat(json.get("dual_solver").get("status").asText()).isEqualTo("optimal");
        assertThat(err()).isEmpty();
    }

    @Test
    void writtenWeightsReproduceThePrintedPrimalValue() throws IOException {
        Path dir = tmp.resolve("weights");
        int code = run("deep-linear", "--generate", "a2", "--widths", "7,5,9", "--gamma", "0.3", "--seed", "4",
                "--out", dir.toString(), "--json");
        assertThat(code).as(err()).isZero();
        double printed = JsonOutput.mapper().readTree(out()).get("primal").asDouble();
        List<DMatrixRMaj> layers = new ArrayList<>();
        for (int l = 1; l <= 4; l++) {
            layers.add(NpyReader.read(dir.resolve("W" + l + ".npy"), "W" + l));
        }
        DMatrixRMaj[] xy = PaperInstances.zhangA2(4);
        DeepLinearProblem problem = new DeepLinearProblem(xy[0], xy[1], new int[] {7, 5, 9}, 0.3);
        double recomputed = problem.objective(new DeepLinearWeights(layers));
        assertThat(Math.abs(recomputed - printed)).isLessThanOrEqualTo(VALUE_RTOL * Math.abs(printed));
        assertThat(Files.exists(dir.resolve("lambda.npy"))).isTrue();
        assertThat(JsonOutput.mapper().readTree(dir.resolve("certificate.json").toFile()).get("status").asText())
                .isEqualTo("optimal");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
    }

    @Test
    void csvInputsWork() throws IOException {
        Path x = tmp.resolve("x.csv");
        Path y = tmp.resolve("y.csv");
        Files.writeString(x, "1,0,0\n0,1,0\n0,0,1\n");
        Files.writeString(y, "3,0,0\n0,2,0\n0,0,1\n");
        int code = run("deep-linear", "--x", x.toString(), "--y", y.toString(), "--depth", "2", "--widths", "3",
                "--gamma", "0.5", "--json");
        assertThat(code).as(err()).isZero();
        // P* = 1/2 ||Y||^2 - 1/2 sum (sigma - gamma)_+^2 = 7 - (6.25 + 2.25 + 0.25)/2
        assertThat(Math.abs(JsonOutput.mapper().readTree(out()).get("primal").asDouble() - 2.625))
                .isLessThanOrEqualTo(1e-12);
    }

    @Test
    void badInputIsOneLineExitTwoAndNoOutputFiles() throws IOException {
        Path x = tmp.resolve("x.csv");
        Path y = tmp.resolve("y.csv");
        Files.writeString(x, "1,0\n0,1\n");
        Files.writeString(y, "1,2,3\n");
        Path dir = tmp.resolve("never");
        String[][] cases = {
            {"--x", x.toString(), "--y", y.toString(), "--out", dir.toString()},
            {"--generate", "a2", "--gamma", "-1", "--out", dir.toString()},
            {"--generate", "a2", "--depth", "1"},
            {"--generate", "a2", "--widths", "0,3"},
            {"--generate", "a2", "--depth", "4", "--widths", "3,3"},
            {"--generate", "nope"},
            {"--x", tmp.resolve("missing.csv").toString(), "--y", y.toString()},
        };
        String[] mustName = {"--y", "--gamma", "--depth", "--widths[0]", "--widths", "--generate", "--x"};
        for (int i = 0; i < cases.length; i++) {
            outBytes.reset();
            errBytes.reset();
            String[] args = Stream.concat(Stream.of("deep-linear"), Stream.of(cases[i])).toArray(String[]::new);
            assertThat(run(args)).as(String.join(" ", args)).isEqualTo(Main.BAD_INPUT);
            assertThat(err().lines().count()).as(err()).isEqualTo(1);
            assertThat(err()).startsWith("dualnet: error: ").contains(mustName[i]).doesNotContain("Exception");
        }
        assertThat(Files.exists(dir)).isFalse();
    }
}
