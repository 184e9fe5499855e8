package io.dualnet.report;

import io.dualnet.experiment.ProgressSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Without the optional vgg module the section is registered and says it was not run, instead of failing. */
class ZhangVggSectionTest {
    @TempDir
    Path tmp;

    @Test
    void isRegisteredAndSaysNotRunWithoutTheModule() throws Exception {
        assertThat(ReportSections.all()).anyMatch(s -> s.id().equals("zhang-vgg"));
        assertThat(ZhangVggModule.find()).isEmpty();
        SectionResult r = new ZhangVggSection().render(new ReportContext(tmp, "zhang-vgg", 1, true, 1,
                ProgressSink.none()));
        assertThat(r.verdicts()).singleElement().satisfies(v -> {
            assertThat(v.outcome()).isEqualTo(Outcome.NOT_CHECKED);
            assertThat(v.detail()).contains("module not built");
        });
    }
}
