package io.dualnet.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Without the Spark module on the class path, {@code --spark} is one clear line (how to build it), exit 2. */
class SparkOptionTest {

    @TempDir
    Path tmp;

    private final CliHarness cli = new CliHarness();

    @Test
    void sparkWithoutTheModuleSaysHowToBuildItBeforeAnyWork() throws Exception {
        Path out = tmp.resolve("out");
        for (String[] args : new String[][] {
            {"repro", "zhang-a2", "--quick", "-q", "--spark", "local[2]", "--out", out.toString()},
            {"report", "--quick", "-q", "--only", "zhang-a2", "--spark", "local[2]", "--out", out.toString()}}) {
            assertThat(cli.run(args)).isEqualTo(2);
            assertThat(cli.err().lines()).singleElement().asString()
                    .startsWith("dualnet: error: invalid --spark = local[2]: expected the Spark module")
                    .contains("mvn -B -ntp -DskipTests -pl spark -am package");
            assertThat(cli.out()).isEmpty();
        }
        assertThat(Files.exists(out.resolve("zhang-a2"))).isFalse();
    }
}
