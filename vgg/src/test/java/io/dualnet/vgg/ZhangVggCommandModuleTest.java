package io.dualnet.vgg;

import io.dualnet.cli.Main;
import io.dualnet.report.ZhangVggModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dualnet repro zhang-vgg} with the module on the class path: end to end on synthetic CIFAR-10 files, and
 * bad input (one line, exit 2, nothing written). */
class ZhangVggCommandModuleTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void moduleIsFoundByServiceLoader() {
        assertThat(ZhangVggModule.find()).get().isInstanceOf(VggModule.class);
    }

    @Test
    void cifarFolderWithoutTheFilesIsBadInput() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("cifar"));
        Path o = tmp.resolve("out");
        assertThat(run("repro", "zhang-vgg", "--cifar10", data.toString(), "--samples", "10", "--batch-size", "5",
                "--out", o.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).startsWith("dualnet: error: ").contains("--cifar10")
                .doesNotContain("\n");
        assertThat(Files.exists(o)).isFalse();
    }

    @Test
    void batchLargerThanTheDataIsBadInput() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("cifar"));
        Cifar10Test.writeSynthetic(data, 4, 6);
        Path o = tmp.resolve("out");
        assertThat(run("repro", "zhang-vgg", "--cifar10", data.toString(), "--samples", "50", "--batch-size", "40",
                "--test-samples", "6", "--out", o.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).startsWith("dualnet: error: ").contains("--samples")
                .doesNotContain("\n");
        assertThat(run("repro", "zhang-vgg", "--cifar10", data.toString(), "--samples", "20", "--batch-size", "21",
                "--test-samples", "6", "--out", o.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--batch-size");
        assertThat(Files.exists(o)).isFalse();
    }

    @Test
    void runsAGridOnSyntheticCifarAndResumes() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("cifar"));
        Cifar10Test.writeSynthetic(data, 4, 6);
        Path o = tmp.resolve("out");
        String[] args = {"repro", "zhang-vgg", "--cifar10", data.toString(), "--samples", "20", "--batch-size", "10",
            "--test-samples", "6", "--epochs", "2", "--branches", "1,2", "--width", "2", "--budget", "both",
            "--out", o.toString(), "--json", "-q"};
        assertThat(run(args)).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(Main.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"experiment\":\"zhang-vgg\"").contains("\"failed\":[]");
        Path section = o.resolve("zhang-vgg");
        assertThat(section.resolve("figure5.png")).isRegularFile();
        String table = Files.readString(section.resolve("configurations.csv"));
        assertThat(table).contains("CIFAR-10,branch,2,2,1,").contains("CIFAR-10,total,2,1,2,");
        assertThat(Files.readString(section.resolve("epochs.csv")).lines().count()).isEqualTo(1 + 4 * 2);
        String html = Files.readString(o.resolve("index.html"));
        assertThat(html).contains("CIFAR-10").contains("increases with the number of branches")
                .contains("on CIFAR-10, width 2 per branch (the paper")
                .contains("on CIFAR-10, total budget of one width-2 network (parameters matched)");
        assertThat(Files.readAllLines(o.resolve("data").resolve("zhang-vgg").resolve("cells.jsonl"))
                .stream().filter(l -> !l.isBlank())).hasSize(4);
        assertThat(run(args)).isEqualTo(Main.OK);
        assertThat(Files.readString(o.resolve("index.html"))).contains("0 computed and 4 resumed");
    }
}
