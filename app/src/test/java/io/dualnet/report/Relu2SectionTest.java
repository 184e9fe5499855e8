package io.dualnet.report;

import io.dualnet.experiment.ProgressSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class Relu2SectionTest {

    @Test
    void quickModeChecksTheExactCertificateTheMappingAndAdam(@TempDir Path tmp)
            throws Exception {
        ReportContext ctx = new ReportContext(tmp, "relu2", 1, true, 2, ProgressSink.none());
        SectionResult r = new Relu2Section().render(ctx);
        assertThat(r.verdicts()).extracting(Verdict::claim).anyMatch(c -> c.startsWith("Strong duality"))
                .anyMatch(c -> c.startsWith("DualNet certifies the gated program at weak regularization"));
        for (Verdict v : r.verdicts()) {
            if (v.claim().startsWith("Strong duality") || v.claim().startsWith("The mapped network")
                    || v.claim().startsWith("The certified convex optimum")
                    || v.claim().startsWith("DualNet certifies the gated program at weak regularization")) {
                assertThat(v.outcome()).as(v.claim() + ": " + v.detail()).isEqualTo(Outcome.HOLDS);
            }
        }
        assertThat(Files.size(tmp.resolve("relu2/relu2-teacher-time.png"))).isPositive();
    }

    @Test
    void isRegistered() {
        assertThat(ReportSections.all()).extracting(ReportSection::id).contains("relu2");
    }
}
