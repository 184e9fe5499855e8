package io.dualnet.report;

import io.dualnet.experiment.ProgressSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The paper-003 linear section in quick mode: figures written, verdicts measured (not asserted from constants). */
class Ergen003LinearSectionTest {

    @TempDir
    Path tmp;

    @Test
    void quickRunProducesFiguresAndVerdicts() throws Exception {
        ReportContext ctx = new ReportContext(tmp, "ergen-linear", 1, true, 2, ProgressSink.none());
        SectionResult result = new Ergen003LinearSection().render(ctx);
        for (String f : List.of("fig2a", "fig5a", "fig5b", "fig2b", "fig3a-frobenius", "fig3a-ratios")) {
            assertThat(Files.size(tmp.resolve("ergen-linear/" + f + ".png"))).as(f).isPositive();
        }
        List<Verdict> v = result.verdicts();
        assertThat(v).extracting(Verdict::outcome).containsExactly(
                Outcome.HOLDS,                 // Remark 2.1 / Fig 2a
                Outcome.HOLDS,                 // Fig 5b
                Outcome.HOLDS,                 // Fig 5a
                Outcome.HOLDS,                 // Fig 2b: equal ranks, decreasing
                Outcome.HOLDS_UNDER_CONDITION, // Fig 2b: rank of the global optimum only beyond the local minima
                Outcome.HOLDS,                 // Thm 2.1
                Outcome.HOLDS,                 // Thm 3.1
                Outcome.HOLDS,                 // Prop 3.1 scalar
                Outcome.HOLDS_UNDER_CONDITION, // Prop 3.1 vector: rank one only
                Outcome.FAILS,                 // Thm 3.4, standard network
                Outcome.HOLDS);                // Thm 3.3/3.4, parallel relaxation
        // Resume: a second run reuses every finished cell and gives the same verdicts.
        SectionResult again = new Ergen003LinearSection().render(ctx);
        assertThat(again.verdicts()).extracting(Verdict::detail)
                .containsExactlyElementsOf(v.stream().map(Verdict::detail).toList());
    }

    @Test
    void isRegisteredAfterTheOtherPaperSections() {
        List<String> ids = ReportSections.all().stream().map(ReportSection::id).toList();
        assertThat(ids).contains("ergen-linear");
        assertThat(ids.indexOf("ergen-linear")).isGreaterThan(ids.indexOf("wang-linear"));
    }
}
