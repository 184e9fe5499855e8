package io.dualnet.report;

import io.dualnet.data.FashionMnist;
import io.dualnet.experiment.ProgressSink;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The paper-003 deep ReLU section in quick mode: figures written, verdicts measured. */
class Ergen003DeepReluSectionTest {

    @TempDir
    Path tmp;

    @Test
    void quickRunProducesFiguresAndVerdicts() throws Exception {
        Assumptions.assumeTrue(new FashionMnist().available(), "Fashion-MNIST not installed (.ci/install-datasets)");
        ReportContext ctx = new ReportContext(tmp, "ergen-deep-relu", 1, true, 2, ProgressSink.none());
        SectionResult result = new Ergen003DeepReluSection().render(ctx);
        for (String f : List.of("fig1", "fig3b", "fig4a", "fig4b", "fig4c")) {
            assertThat(Files.size(tmp.resolve("ergen-deep-relu/" + f + ".png"))).as(f).isPositive();
        }
        assertThat(result.verdicts()).extracting(Verdict::outcome).containsExactly(
                Outcome.FAILS,                 // Thm 4.4: X^T X = I as printed
                Outcome.FAILS,                 // Thm 4.4: sign lost
                Outcome.HOLDS_UNDER_CONDITION, // Thm 4.4 fixed: rescaled problem only
                Outcome.HOLDS_UNDER_CONDITION, // Thm 4.3, K >= 2: path value reached by training, not certified
                Outcome.FAILS,                 // Fig 1: trained kinks not all at the data (measured)
                Outcome.HOLDS,                 // Fig 3b
                Outcome.HOLDS,                 // Fig 4 objective
                Outcome.HOLDS);                // Fig 4 test
    }

    @Test
    void isRegisteredAfterTheLinearSection() {
        List<String> ids = ReportSections.all().stream().map(ReportSection::id).toList();
        assertThat(ids.indexOf("ergen-deep-relu")).isGreaterThan(ids.indexOf("ergen-linear"));
    }
}
