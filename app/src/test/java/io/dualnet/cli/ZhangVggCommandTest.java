package io.dualnet.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dualnet repro zhang-vgg} without the optional vgg module on the class path (the app's own tests): bad input
 * and the missing module give one line and exit code 2, and nothing is written. The module's own tests run the
 * command with the engine.
 */
class ZhangVggCommandTest {
    private final CliHarness cli = new CliHarness();

    @TempDir
    Path tmp;

    @Test
    void withoutTheModuleSaysHowToBuildIt() {
        Path out = tmp.resolve("out");
        assertThat(cli.run("repro", "zhang-vgg", "--branches", "1,2", "--width", "4", "--epochs", "1", "--samples", "64", "--batch-size", "32",
                "--out", out.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err().strip()).startsWith("dualnet: error: ").contains("mvn -B -ntp -pl vgg -am package")
                .doesNotContain("\n");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void widthsAndBranchCountsMustBePositiveIntegers() {
        Path out = tmp.resolve("out");
        for (String[] bad : new String[][] {{"--width", "0"}, {"--width", "16,x"}, {"--branches", "-1"},
            {"--branches", "2.5"}, {"--branches", ""}}) {
            assertThat(cli.run("repro", "zhang-vgg", bad[0], bad[1], "--out", out.toString())).isEqualTo(Main.BAD_INPUT);
            assertThat(cli.err().strip()).startsWith("dualnet: error: ").contains(bad[0]).doesNotContain("\n");
        }
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void batchLargerThanTheSamplesIsRejected() {
        Path out = tmp.resolve("out");
        assertThat(cli.run("repro", "zhang-vgg", "--samples", "100", "--batch-size", "128", "--out", out.toString()))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err().strip()).startsWith("dualnet: error: ").contains("--batch-size").doesNotContain("\n");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void reproStillRunsOtherIdsAndNeedsOne() {
        assertThat(cli.run("repro")).isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err()).contains("ID").contains("zhang-a2");
    }
}
