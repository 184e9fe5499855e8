package io.dualnet.report;

import io.dualnet.experiment.ProgressSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Appendix A.2 section in quick mode: figure, table and verdicts computed, not asserted from constants. */
class ZhangA2SectionTest {

    @TempDir
    Path tmp;

    @Test
    void quickRunProducesFigureTableAndVerdicts() throws Exception {
        ReportContext ctx = new ReportContext(tmp, "zhang-a2", 1, true, 2, ProgressSink.none());
        SectionResult result = new ZhangA2Section().render(ctx);
        assertThat(Files.size(tmp.resolve("zhang-a2/figure6.png"))).isPositive();
        List<Verdict> verdicts = result.verdicts();
        assertThat(verdicts).hasSize(4);
        assertThat(verdicts.get(0).outcome()).isEqualTo(Outcome.HOLDS);
        assertThat(verdicts.get(2).outcome()).isEqualTo(Outcome.HOLDS);
        assertThat(verdicts.get(3).outcome()).isEqualTo(Outcome.HOLDS_UNDER_CONDITION);
        // Resume: a second run reuses every finished cell and gives the same verdicts.
        SectionResult again = new ZhangA2Section().render(ctx);
        assertThat(again.verdicts()).extracting(Verdict::detail)
                .containsExactlyElementsOf(verdicts.stream().map(Verdict::detail).toList());
    }
}
