package io.dualnet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dualnet repro zhang-table1}: the cells file, resume, the JSON summary, divergence and bad input. */
class ReproZhangTable1CommandTest {
    private final CliHarness cli = new CliHarness();

    @TempDir
    Path tmp;

    private String[] args(Path out, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("repro", "zhang-table1", "--widths", "6,12",
                "--iterations", "300", "--samples", "100", "--dimension", "4", "--teacher", "5", "--batch", "20",
                "--out", out.toString(), "-q"));
        a.addAll(List.of(extra));
        if (!a.contains("--seeds")) {
            a.addAll(List.of("--seeds", "3"));
        }
        if (!a.contains("--threads")) {
            a.addAll(List.of("--threads", "2"));
        }
        return a.toArray(String[]::new);
    }

    @Test
    void writesOneLinePerRunAndResumes() throws Exception {
        Path out = tmp.resolve("t1");
        assertThat(cli.run(args(out, "--json"))).as(cli.err()).isZero();
        JsonNode json = cli.json();
        assertThat(json.get("computed").asInt()).isEqualTo(6);
        assertThat(json.get("skipped").asInt()).isZero();
        assertThat(json.get("widths")).hasSize(2);
        assertThat(json.get("widths").get(0).get("paperHitsPer100").asInt()).isEqualTo(-1);
        assertThat(json.get("microsPerStep").asDouble()).isPositive();
        List<String> lines = Files.readAllLines(out.resolve("cells.jsonl"));
        assertThat(lines).hasSize(6);
        for (String line : lines) {
            JsonNode cell = JsonOutput.mapper().readTree(line);
            for (String field : List.of("key", "width", "seed", "loss", "hit", "steps", "stop", "setup")) {
                assertThat(cell.has(field)).as(field + " in " + line).isTrue();
            }
        }

        assertThat(cli.run(args(out, "--json", "--seeds", "4"))).as(cli.err()).isZero();
        assertThat(cli.json().get("skipped").asInt()).isEqualTo(6);
        assertThat(cli.json().get("computed").asInt()).isEqualTo(2);
        assertThat(Files.readAllLines(out.resolve("cells.jsonl"))).hasSize(8).startsWith(lines.toArray(String[]::new));

        // another protocol in the same folder is never mistaken for a finished cell
        assertThat(cli.run(args(out, "--json", "--protocol", "authors"))).as(cli.err()).isZero();
        assertThat(cli.json().get("skipped").asInt()).isZero();
    }

    @Test
    void theSameRunGivesTheSameResultsWithOneOrTwoThreads() throws Exception {
        assertThat(cli.run(args(tmp.resolve("a"), "--threads", "1", "--loss", "squared", "--labels", "teacher",
                "--lr", "0.01"))).as(cli.err()).isZero();
        assertThat(cli.run(args(tmp.resolve("b"), "--threads", "2", "--loss", "squared", "--labels", "teacher",
                "--lr", "0.01"))).as(cli.err()).isZero();
        assertThat(results(tmp.resolve("a"))).isEqualTo(results(tmp.resolve("b")));
    }

    private static java.util.Set<String> results(Path dir) throws Exception {
        java.util.Set<String> set = new java.util.TreeSet<>();
        for (String line : Files.readAllLines(dir.resolve("cells.jsonl"))) {
            JsonNode n = JsonOutput.mapper().readTree(line);
            set.add(n.get("key").asText() + " " + n.get("loss").asText() + " " + n.get("steps").asText());
        }
        return set;
    }

    @Test
    void aDivergingCellIsOneLineNamingTheCellAndStep() {
        int code = cli.run(args(tmp.resolve("nan"), "--loss", "squared", "--labels", "teacher", "--lr", "1e9"));
        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err().strip().lines()).hasSize(1);
        assertThat(cli.err()).startsWith("dualnet: error: invalid --lr").contains("cell width=").contains("at step ");
    }

    @Test
    void badOptionsNameTheFlag() {
        assertThat(cli.run(args(tmp.resolve("x"), "--loss", "cubic"))).isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err()).contains("--loss").contains("hinge, squared");
        assertThat(cli.run(args(tmp.resolve("x"), "--protocol", "nope"))).isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err()).contains("--protocol");
        assertThat(cli.run(args(tmp.resolve("x"), "--widths", "0"))).isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err()).contains("--widths");
        assertThat(cli.run(args(tmp.resolve("x"), "--batch", "1000"))).isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err()).contains("--batch");
        assertThat(cli.run("repro", "zhang-table1", "--seeds", "2")).isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err()).contains("--out");
    }
}
