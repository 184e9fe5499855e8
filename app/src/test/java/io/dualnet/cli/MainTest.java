package io.dualnet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualnet.data.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private int run(String... args) {
        return Main.run(args, out, err, false);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private List<String> errLines() {
        return err().lines().toList();
    }

    @Command(name = "boom")
    static final class BoomCommand extends DualnetSubcommand {
        @CommandLine.Option(names = "--kind", defaultValue = "iae")
        String kind;

        @Override
        public Integer call() {
            switch (kind) {
                case "iae" -> throw new IllegalArgumentException("bad thing\nsecond line");
                case "invalid" -> throw new InvalidInputException("gamma", -1.0, "a finite number > 0");
                case "npe" -> throw new NullPointerException();
                default -> throw new IllegalStateException("kaput");
            }
        }
    }

    private int runWithBoom(boolean debug, String... args) {
        CommandLine cl = Main.commandLine(out, err, debug);
        cl.addSubcommand(new BoomCommand());
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Test
    void helpAndVersionExitZero() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("dualnet").contains("report");
        assertThat(err()).isEmpty();
        outBytes.reset();
        assertThat(run("--version")).isZero();
        assertThat(out().strip()).isEqualTo("dualnet 0.1.0");
        outBytes.reset();
        assertThat(run("report", "--help")).isZero();
        assertThat(out()).contains("--out").contains("--quick").contains("--only");
    }

    @Test
    void unknownOptionIsBadInputWithHint() {
        assertThat(run("report", "--bogus")).isEqualTo(2);
        assertThat(errLines()).containsExactly("dualnet: error: Unknown option: '--bogus'",
                "Try 'dualnet report --help'");
        assertThat(out()).isEmpty();
    }

    @Test
    void unknownCommandAndMissingCommandAreBadInput() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(errLines()).hasSize(2);
        assertThat(errLines().get(0)).startsWith("dualnet: error: ").contains("frobnicate");
        assertThat(errLines().get(1)).isEqualTo("Try 'dualnet --help'");
        errBytes.reset();
        assertThat(run()).isEqualTo(2);
        assertThat(errLines().get(0)).startsWith("dualnet: error: missing command").contains("report");
    }

    @Test
    void badValueIsBadInput() {
        assertThat(run("report", "--threads", "many")).isEqualTo(2);
        assertThat(errLines()).hasSize(2);
        assertThat(errLines().get(0)).startsWith("dualnet: error: ").contains("--threads").contains("many");
    }

    @Test
    void invalidInputFromOptionsRecordIsOneLine() {
        assertThat(run("report", "--threads", "0", "--out", tmp.toString())).isEqualTo(2);
        assertThat(errLines()).containsExactly("dualnet: error: invalid --threads = 0: expected an integer in [1, 1024]");
        errBytes.reset();
        assertThat(run("report", "--only", "nope", "--out", tmp.toString())).isEqualTo(2);
        assertThat(errLines()).hasSize(1);
        assertThat(errLines().get(0)).startsWith("dualnet: error: invalid --only = nope: expected one of ");
    }

    @Test
    void unwritableOutputDirectoryIsBadInput() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertThat(run("report", "--quick", "-q", "--out", file.resolve("sub").toString())).isEqualTo(2);
        assertThat(errLines()).hasSize(1);
        assertThat(errLines().get(0)).startsWith("dualnet: error: invalid --out = ");
    }

    @Test
    void illegalArgumentFromCommandIsExitTwoOneLineNoStackTrace() {
        assertThat(runWithBoom(false, "boom")).isEqualTo(2);
        assertThat(errLines()).containsExactly("dualnet: error: bad thing second line");
        errBytes.reset();
        assertThat(runWithBoom(false, "boom", "--kind", "invalid")).isEqualTo(2);
        assertThat(errLines()).containsExactly("dualnet: error: invalid gamma = -1.0: expected a finite number > 0");
    }

    @Test
    void unexpectedExceptionIsInternalErrorExitOne() {
        assertThat(runWithBoom(false, "boom", "--kind", "other")).isEqualTo(1);
        assertThat(errLines()).containsExactly("dualnet: internal error: kaput");
        errBytes.reset();
        assertThat(runWithBoom(false, "boom", "--kind", "npe")).isEqualTo(1);
        assertThat(errLines()).containsExactly("dualnet: internal error: java.lang.NullPointerException");
    }

    @Test
    void debugPrintsStackTrace() {
        assertThat(runWithBoom(true, "boom", "--kind", "other")).isEqualTo(1);
        assertThat(errLines().get(0)).isEqualTo("dualnet: internal error: kaput");
        assertThat(err()).contains("java.lang.IllegalStateException: kaput").contains("\tat ");
    }

    /** {@code -q/--quiet} is one mixin wherever it is offered: the same names and help, and it binds when given. */
    @Test
    void quietIsTheSharedMixin() {
        for (String command : List.of("report", "repro", "repro zhang-table1", "repro zhang-vgg")) {
            CommandLine root = Main.commandLine(out, err, false);
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.addAll(List.of("-q", "--out", tmp.resolve("q").toString()));
            root.parseArgs(args.toArray(String[]::new));
            CommandLine cl = root;
            for (String part : command.split(" ")) {
                cl = cl.getSubcommands().get(part);
            }
            CommandLine.Model.OptionSpec q = cl.getCommandSpec().findOption("--quiet");
            assertThat(q).as(command).isNotNull();
            assertThat(q.names()).as(command).containsExactly("-q", "--quiet");
            assertThat(q.description()).as(command).containsExactly("No progress bar.");
            assertThat(cl.getCommandSpec().mixins().values()).as(command)
                    .anyMatch(m -> m.userObject() instanceof QuietOption);
            QuietOption option = (QuietOption) cl.getCommandSpec().mixins().values().stream()
                    .filter(m -> m.userObject() instanceof QuietOption).findFirst().orElseThrow().userObject();
            assertThat(option.quiet).as(command).isTrue();
        }
    }

    @Test
    void reportQuickWritesIndexAndPrintsPath() {
        Path dir = tmp.resolve("r");
        assertThat(run("report", "--quick", "--out", dir.toString(), "--threads", "1", "-q")).isZero();
        Path index = dir.resolve("index.html").toAbsolutePath();
        assertThat(out().strip()).isEqualTo(index.toString());
        assertThat(index).isRegularFile();
        assertThat(err()).isEmpty();
    }

    @Test
    void reportJsonIsOneOrderedObject() throws Exception {
        Path dir = tmp.resolve("j");
        assertThat(run("report", "--quick", "--json", "--only", "environment", "--out", dir.toString())).isZero();
        assertThat(out().lines().count()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(out());
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        assertThat(names).containsExactly("report", "sections", "verdicts", "failed");
        assertThat(json.get("report").asText()).isEqualTo(dir.resolve("index.html").toAbsolutePath().toString());
        assertThat(json.get("sections").asInt()).isEqualTo(1);
        assertThat(json.get("verdicts").has("HOLDS")).isTrue();
        assertThat(json.get("failed")).isEmpty();
        assertThat(Files.exists(dir.resolve("environment").resolve("environment.csv"))).isTrue();
    }
}
