package io.dualnet.report;

import io.dualnet.experiment.ProgressSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The paper-002 linear section in quick mode: figures, tables and verdicts computed from measurements. */
class Wang002LinearSectionTest {

    @TempDir
    Path tmp;

    @Test
    void quickRunProducesFiguresTablesAndVerdicts() throws Exception {
        ReportContext ctx = new ReportContext(tmp, "wang-linear", 1, true, 2, ProgressSink.none());
        SectionResult result = new Wang002LinearSection().render(ctx);
        assertThat(Files.size(tmp.resolve("wang-linear/figure3.png"))).isPositive();
        assertThat(Files.size(tmp.resolve("wang-linear/appB-rank.png"))).isPositive();

        List<Verdict> verdicts = result.verdicts();
        assertThat(verdicts).extracting(Verdict::outcome).containsExactly(
                Outcome.HOLDS, // Theorems 1/3: P > D for L >= 3
                Outcome.FAILS, // the paper's "iff singular values equal"
                Outcome.HOLDS, // Theorem 4
                Outcome.HOLDS, // Prop. 3
                Outcome.HOLDS, // Prop. 9 staircase
                Outcome.HOLDS); // App. B
        assertThat(verdicts.get(1).detail()).contains("I_2, L = 3").contains("all equal");

        // The closed-form table's P at L = 3 is (3/2) (3^{2/3} + 2^{2/3} + 1) = 7.0012, as in the spec.
        Table closed = table(result, "closed-form");
        List<String> row = closed.rows().get(1);
        assertThat(row.get(0)).isEqualTo("3");
        double p3 = 1.5 * (Math.pow(3, 2.0 / 3) + Math.pow(2, 2.0 / 3) + 1);
        assertThat(row.get(closed.header().indexOf("P ours"))).isEqualTo(String.format(Locale.ROOT, "%.4f", p3))
                .isEqualTo(row.get(closed.header().indexOf("P spec")));
        // The trained standard network matches P at L = 3.
        double trained = Double.parseDouble(row.get(closed.header().indexOf("P trained (standard)")));
        assertThat(Math.abs(trained - p3) / p3).isLessThanOrEqualTo(Wang002LinearSection.MATCH_RTOL);

        // Resume: a second run reuses every finished cell and gives the same verdicts.
        SectionResult again = new Wang002LinearSection().render(ctx);
        assertThat(again.verdicts()).extracting(Verdict::detail)
                .containsExactlyElementsOf(verdicts.stream().map(Verdict::detail).toList());
    }

    private static Table table(SectionResult result, String name) {
        return result.items().stream().filter(Table.class::isInstance).map(Table.class::cast)
                .filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
