package io.dualnet.report;

import io.dualnet.experiment.ProgressSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The multi-branch section (Theorem 1, Figure 3) in quick mode: figures, tables and computed verdicts; resume. */
class MultibranchReportSectionTest {

    @TempDir
    Path tmp;

    @Test
    void quickRunProducesFiguresTablesAndVerdicts() throws Exception {
        ReportContext ctx = new ReportContext(tmp, "zhang-multibranch", 1, true, 2, ProgressSink.none());
        SectionResult result = new Zhang000MultibranchSection().render(ctx);
        for (String f : new String[] {"gap-vs-branches.png", "figure3.png", "value-functions.png", "gap-tau-one.png",
            "nonconvexity.svg"}) {
            assertThat(Files.size(tmp.resolve("zhang-multibranch").resolve(f))).as(f).isPositive();
        }
        List<Verdict> verdicts = result.verdicts();
        assertThat(verdicts).extracting(Verdict::outcome).containsExactly(Outcome.HOLDS, Outcome.HOLDS, Outcome.HOLDS,
                Outcome.HOLDS_UNDER_CONDITION, Outcome.HOLDS_UNDER_CONDITION);
        assertThat(result.items().stream().filter(Table.class::isInstance).count()).isEqualTo(5);
        SectionResult again = new Zhang000MultibranchSection().render(ctx);
        assertThat(again.verdicts()).extracting(Verdict::detail)
                .containsExactlyElementsOf(verdicts.stream().map(Verdict::detail).toList());
    }
}
