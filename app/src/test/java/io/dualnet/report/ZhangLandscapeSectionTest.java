package io.dualnet.report;

import io.dualnet.data.FashionMnist;
import io.dualnet.experiment.ProgressSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The landscape section in quick mode: the figures are written, and every claim gets a computed verdict (holds or
 * fails, with the measured gaps), Figure 4's only when Fashion-MNIST is installed.
 */
class ZhangLandscapeSectionTest {

    @Test
    void quickModeDrawsTheFiguresAndComputesTheVerdicts(@TempDir Path tmp) throws Exception {
        ReportContext ctx = new ReportContext(tmp, "zhang-landscape", 1, true, 2, ProgressSink.none());
        SectionResult r = new ZhangLandscapeSection().render(ctx);
        assertThat(Files.size(tmp.resolve("zhang-landscape/figure1.png"))).isPositive();
        assertThat(Files.size(tmp.resolve("zhang-landscape/figure1-contour.png"))).isPositive();
        boolean fashion = new FashionMnist().available();
        assertThat(r.verdicts()).hasSize(fashion ? 3 : 2);
        for (Verdict v : r.verdicts()) {
            if (v.claim().startsWith("Figure 1") || fashion) {
                assertThat(v.outcome()).as(v.detail()).isIn(Outcome.HOLDS, Outcome.FAILS);
                assertThat(v.detail()).contains("envelope gap").doesNotContain("NaN");
            }
        }
        if (fashion) {
            assertThat(Files.size(tmp.resolve("zhang-landscape/figure4-888.png"))).isPositive();
        }
    }

    @Test
    void isRegistered() {
        assertThat(ReportSections.all()).extracting(ReportSection::id).contains("zhang-landscape");
    }
}
