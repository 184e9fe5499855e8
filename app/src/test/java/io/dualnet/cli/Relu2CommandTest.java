package io.dualnet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualnet.data.CsvMatrixWriter;
import io.dualnet.data.LabeledData;
import io.dualnet.data.NpyReader;
import io.dualnet.data.PlantedRelu;
import io.dualnet.net.TwoLayerReluNetwork;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class Relu2CommandTest {
    /** Exact certificates on enumerable instances close to this relative gap. */
    private static final double EXACT_RTOL = 1e-8;
    /** Objectives recomputed from written weights agree to this relative error. */
    private static final double OBJECTIVE_RTOL = 1e-9;

    private final CliHarness cli = new CliHarness();

    private static Path[] writeData(Path dir, boolean classification) throws Exception {
        LabeledData d = PlantedRelu.generate(9, 2, 3, 0.1, classification, 4);
        Path x = dir.resolve("x.csv");
        Path y = dir.resolve("y.csv");
        CsvMatrixWriter.write(x, d.x());
        CsvMatrixWriter.write(y, new DMatrixRMaj(d.y().length, 1, true, d.y()));
        return new Path[] {x, y};
    }

    @Test
    void fitWithAllPatternsPrintsAnExactCertificateAndWritesTheNetwork(@TempDir Path tmp) throws Exception {
        Path[] xy = writeData(tmp, false);
        Path out = tmp.resolve("w");
        int code = cli.run("relu2", "fit", "--x", xy[0].toString(), "--y", xy[1].toString(), "--beta", "0.1",
                "--loss", "squared", "--patterns", "all", "--bias", "--json", "--out", out.toString());
        assertThat(code).as(cli.err()).isZero();
        JsonNode j = cli.json();
        assertThat(j.get("certificate").asText()).isEqualTo("exact");
        assertThat(j.get("status").asText()).isEqualTo("optimal");
        double primal = j.get("primal").asDouble();
        double dual = j.get("dual").asDouble();
        assertThat(primal - dual).isLessThanOrEqualTo(EXACT_RTOL * Math.abs(primal));
        assertThat(dual).isLessThanOrEqualTo(primal + EXACT_RTOL * Math.abs(primal));
        assertThat(j.get("patterns").asInt()).isPositive();
        assertThat(j.get("neurons").asInt()).isPositive();
        DMatrixRMaj u = NpyReader.read(out.resolve("first_layer.npy"), "u");
        DMatrixRMaj alpha = NpyReader.read(out.resolve("second_layer.npy"), "alpha");
        assertThat(u.numRows).isEqualTo(3);
        assertThat(u.numCols).isEqualTo(j.get("neurons").asInt());
        assertThat(Files.exists(out.resolve("certificate.json"))).isTrue();
        TwoLayerReluNetwork net = new TwoLayerReluNetwork(u, alpha.data, true);
        LabeledData d = PlantedRelu.generate(9, 2, 3, 0.1, false, 4);
        double objective = new io.dualnet.net.TwoLayerReluProblem(d.x(), d.y(), io.dualnet.loss.Losses.SQUARED, 0.1,
                true).objective(net);
        assertThat(Math.abs(objective - primal)).isLessThanOrEqualTo(OBJECTIVE_RTOL * Math.abs(primal));

        Path better = tmp.resolve("better");
        int certify = cli.run("relu2", "certify", "--x", xy[0].toString(), "--y", xy[1].toString(), "--beta", "0.1",
                "--bias", "--first-layer", out.resolve("first_layer.npy").toString(), "--second-layer",
                out.resolve("second_layer.npy").toString(), "--out", better.toString(), "--json");
        assertThat(certify).as(cli.err()).isZero();
        JsonNode c = cli.json();
        assertThat(c.get("certificate").asText()).isEqualTo("exact");
        assertThat(Math.abs(c.get("network_objective").asDouble() - primal))
                .isLessThanOrEqualTo(OBJECTIVE_RTOL * Math.abs(primal));
        assertThat(c.get("gap").asDouble()).isLessThanOrEqualTo(1e-6 * Math.abs(primal));
        assertThat(c.get("convex_neurons").asInt()).as("neurons of the convex optimum").isPositive()
                .isLessThanOrEqualTo(2 * c.get("patterns").asInt());
        // --out holds the network the convex optimum maps to: its objective, recomputed here, is convex_primal.
        DMatrixRMaj bu = NpyReader.read(better.resolve("first_layer.npy"), "u");
        DMatrixRMaj ba = NpyReader.read(better.resolve("second_layer.npy"), "alpha");
        assertThat(bu.numCols).isEqualTo(c.get("convex_neurons").asInt());
        assertThat(Files.exists(better.resolve("certificate.json"))).isTrue();
        double convexObjective = new io.dualnet.net.TwoLayerReluProblem(d.x(), d.y(), io.dualnet.loss.Losses.SQUARED,
                0.1, true).objective(new TwoLayerReluNetwork(bu, ba.data, true));
        double convexPrimal = c.get("convex_primal").asDouble();
        assertThat(Math.abs(convexObjective - convexPrimal)).isLessThanOrEqualTo(OBJECTIVE_RTOL * Math.abs(convexPrimal));
        assertThat(c.get("train_mse").asDouble()).isNotNegative();
        assertThat(c.get("convex_train_mse").asDouble()).isNotNegative();
        int predicted = cli.run("relu2", "predict", "--model", better.toString(), "--x", xy[0].toString(), "--y",
                xy[1].toString(), "--json");
        assertThat(predicted).as(cli.err()).isZero();
        assertThat(cli.json().get("mse").asDouble()).isCloseTo(c.get("convex_train_mse").asDouble(),
                org.assertj.core.api.Assertions.within(OBJECTIVE_RTOL));
    }

    @Test
    void certifyReportsAPositiveGapForAPoorNetwork(@TempDir Path tmp) throws Exception {
        Path[] xy = writeData(tmp, true);
        DMatrixRMaj u = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}});
        Path uf = tmp.resolve("u.csv");
        Path af = tmp.resolve("a.csv");
        CsvMatrixWriter.write(uf, u);
        CsvMatrixWriter.write(af, new DMatrixRMaj(new double[][] {{0.5}, {-0.5}}));
        int code = cli.run("relu2", "certify", "--x", xy[0].toString(), "--y", xy[1].toString(), "--beta", "0.1",
                "--loss", "logistic", "--first-layer", uf.toString(), "--second-layer", af.toString(), "--json",
                "--quiet");
        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.err()).isEmpty();
        JsonNode c = cli.json();
        assertThat(c.get("gap").asDouble()).isPositive();
        assertThat(c.get("lower_bound").asDouble()).isLessThan(c.get("network_objective").asDouble());
    }

    @Test
    void pathWarmStartsAndCertifiesEveryBeta() throws Exception {
        int code = cli.run("relu2", "path", "--generate", "teacher", "--samples", "8", "--dim", "2", "--betas",
                "1,0.1", "--gated", "--json");
        assertThat(code).as(cli.err()).isZero();
        JsonNode rows = cli.json().get("path");
        assertThat(rows).hasSize(2);
        for (JsonNode r : rows) {
            assertThat(r.get("certificate").asText()).isEqualTo("exact");
            assertThat(r.get("relative_gap").asDouble()).isLessThanOrEqualTo(1e-6);
        }
        assertThat(rows.get(1).get("primal").asDouble()).isLessThan(rows.get(0).get("primal").asDouble());
    }

    @Test
    void badInputGivesOneLineAndExitCode2(@TempDir Path tmp) throws Exception {
        Path[] xy = writeData(tmp, false);
        Path out = tmp.resolve("never");
        assertThat(cli.run("relu2", "fit", "--x", xy[0].toString(), "--y", xy[1].toString(), "--beta", "0",
                "--out", out.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("--beta").doesNotContain("Exception");
        assertThat(Files.exists(out)).isFalse();
        assertThat(cli.run("relu2", "fit", "--x", xy[0].toString(), "--y", xy[1].toString(), "--beta", "1",
                "--loss", "hinge")).isEqualTo(2);
        assertThat(cli.err()).contains("{-1, +1}");
        assertThat(cli.run("relu2", "fit", "--x", xy[0].toString(), "--y", xy[1].toString(), "--beta", "1",
                "--patterns", "0")).isEqualTo(2);
        assertThat(cli.err()).contains("--patterns");
        assertThat(cli.run("relu2", "fit", "--generate", "teacher", "--beta", "1", "--loss", "squares")).isEqualTo(2);
        assertThat(cli.err()).contains("--loss");
        String old = System.getProperty("dualnet.fashion-mnist.dir");
        System.setProperty("dualnet.fashion-mnist.dir", tmp.resolve("nope").toString());
        try {
            assertThat(cli.run("relu2", "fit", "--dataset", "fashion-mnist", "--beta", "1", "--samples", "10"))
                    .isEqualTo(2);
            assertThat(cli.err()).contains("dataset-fashion-mnist").doesNotContain("Exception");
        } finally {
            if (old == null) {
                System.clearProperty("dualnet.fashion-mnist.dir");
            } else {
                System.setProperty("dualnet.fashion-mnist.dir", old);
            }
        }
    }
}
