package io.dualnet.report;

import io.dualnet.experiment.ProgressSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The quick rank-one / parallel ReLU section: Theorem 5 fails with its counterexample, the rest is checked. */
class ReluRankOneSectionTest {

    @Test
    void quickSectionGivesAVerdictPerClaim(@TempDir Path tmp) throws Exception {
        ReportContext ctx = new ReportContext(tmp, "relu-deep-rank-one", 1, true, 2, ProgressSink.none());
        SectionResult r = new ReluRankOneSection().render(ctx);
        List<Verdict> v = r.verdicts();
        assertThat(v).hasSize(10);
        assertThat(v.get(0).outcome()).isEqualTo(Outcome.FAILS);
        assertThat(v.get(0).detail()).contains("P = 3.0000 > D = 2.3811");
        assertThat(v).noneMatch(x -> x.outcome() == Outcome.NOT_CHECKED);
        assertThat(v.get(1).claim()).isEqualTo("002 Theorem 5 under the same-sign condition");
        assertThat(v.get(1).detail()).contains("in the same-sign rows of the table the best trained network is within");
        assertThat(v).anyMatch(x -> x.claim().startsWith("Opposite-sign rank-one optimum for every depth")
                && x.outcome() == Outcome.HOLDS);
        assertThat(tmp.resolve("relu-deep-rank-one").resolve("thm5.png")).exists();
        assertThat(tmp.resolve("relu-deep-rank-one").resolve("parallel-bracket.png")).exists();
    }
}
