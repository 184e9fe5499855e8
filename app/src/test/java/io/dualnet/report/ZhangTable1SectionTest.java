package io.dualnet.report;

import io.dualnet.experiment.ProgressSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The Table 1 section in quick mode: figure, table, three verdicts, and the per-protocol cells files. */
class ZhangTable1SectionTest {
    @TempDir
    Path tmp;

    @Test
    void quickRenderHasTheFigureTableAndVerdicts() throws Exception {
        ReportContext ctx = new ReportContext(tmp, "zhang-table1", 1, true, 2, ProgressSink.none());
        SectionResult result = new ZhangTable1Section().render(ctx);
        assertThat(result.verdicts()).hasSize(3);
        assertThat(result.verdicts()).allSatisfy(v -> assertThat(v.detail()).isNotBlank());
        assertThat(Files.exists(ctx.sectionDir().resolve("table1-hit-rates.png"))).isTrue();
        for (String protocol : io.dualnet.experiment.ZhangTable1.protocols().keySet()) {
            assertThat(Files.readAllLines(tmp.resolve("data/zhang-table1").resolve(protocol).resolve("cells.jsonl")))
                    .hasSize(5 * 4);
        }
    }

    @Test
    void theSpeedIsComputedFromTheRunNotQuoted() {
        var computed = java.util.Map.of("plain", new io.dualnet.experiment.ZhangTable1Runner.Outcome(
                java.util.List.of(), 3, 2.5, 1_000_000, 2));
        assertThat(ZhangTable1Section.speed(computed))
                .contains("1000000 SGD steps", "3 cells read back", "2.5 s", "2 threads", "2.50 us of wall per step",
                        io.dualnet.teacher.StudentSgd.kernelDescription());
        var resumed = java.util.Map.of("plain", new io.dualnet.experiment.ZhangTable1Runner.Outcome(
                java.util.List.of(), 20, 0.0, 0, 2));
        assertThat(ZhangTable1Section.speed(resumed)).contains("read back from an earlier run")
                .doesNotContain("us of wall");
    }

    @Test
    void spearmanOfAMonotoneSeriesIsOneAndOfAConstantOneIsZero() {
        assertThat(ZhangTable1Section.spearman(new int[] {1, 2, 3, 4}, new double[] {0.1, 0.2, 0.2, 0.9}))
                .isGreaterThan(0.9);
        assertThat(ZhangTable1Section.spearman(new int[] {1, 2, 3}, new double[] {1, 1, 1})).isZero();
        assertThat(ZhangTable1Section.spearman(new int[] {1, 2, 3}, new double[] {3, 2, 1})).isEqualTo(-1.0);
    }
}
