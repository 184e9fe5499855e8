package io.dualnet.report;

import io.dualnet.data.InvalidInputException;
import io.dualnet.experiment.ProgressSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HtmlReportTest {

    @TempDir
    Path tmp;

    /** A section exercising every item type, with text that must be escaped. */
    static final class GoodSection implements ReportSection {
        @Override
        public String id() {
            return "good";
        }

        @Override
        public String title() {
            return "Good <section> & co";
        }

        @Override
        public SectionResult render(ReportContext ctx) {
            LinePlot plot = new LinePlot("rank vs beta").xTitle("beta").yTitle("rank")
                    .step("rank", new double[]{0.1, 1, 10}, new double[]{3, 2, 1});
            return new SectionResult()
                    .text("Text with <script>alert('x')</script> & \"quotes\"")
                    .html("<p class=\"trusted\"><em>trusted</em></p>")
                    .figure(ctx.saveFigure(plot, "rank", "Rank <staircase>"))
                    .table(new Table("gaps", "Gaps & ranks", List.of("seed", "gap <abs>"),
                            List.of(Table.row(1, 1.23456789e-9), Table.row(2, Double.NaN))))
                    .verdict("Strong duality <holds>", Outcome.HOLDS, "max gap 1.2e-9")
                    .verdict("Rank decreases", Outcome.HOLDS_UNDER_CONDITION, "for beta > 0.1")
                    .verdict("Gap is exactly zero", Outcome.FAILS, "gap 1.2e-9 > 0");
        }
    }

    /** A section that throws. */
    static final class BrokenSection implements ReportSection {
        @Override
        public String id() {
            return "broken";
        }

        @Override
        public String title() {
            return "Broken";
        }

        @Override
        public SectionResult render(ReportContext ctx) {
            throw new IllegalStateException("solver diverged <badly>");
        }
    }

    private ReportSummary runReport(List<ReportSection> sections) {
        ReportOptions options = new ReportOptions(tmp.resolve("out"), 7, true, 1, List.of());
        return new ReportRunner(options, ProgressSink.none()).run(sections);
    }

    @Test
    void writesEscapedHtmlWithSummaryTocAndFailedSection() throws IOException {
        ReportSummary summary = runReport(List.of(new GoodSection(), new BrokenSection()));

        assertThat(summary.failed()).containsExactly("broken");
        assertThat(summary.sections()).isEqualTo(2);
        assertThat(summary.verdicts()).containsEntry(Outcome.HOLDS, 1).containsEntry(Outcome.FAILS, 1)
                .containsEntry(Outcome.HOLDS_UNDER_CONDITION, 1).containsEntry(Outcome.NOT_CHECKED, 1);

        Path index = tmp.resolve("out").resolve("index.html");
        assertThat(summary.index()).isEqualTo(index.toAbsolutePath());
        String html = Files.readString(index);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").endsWith("</html>\n");
        assertThat(count(html, "<section")).isEqualTo(count(html, "</section>")).isEqualTo(3);
        assertThat(count(html, "<table")).isEqualTo(count(html, "</table>"));

        // escaping
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("Good &lt;section&gt; &amp; co").contains("gap &lt;abs&gt;")
                .contains("solver diverged &lt;badly&gt;").doesNotContain("<badly>")
                .contains("<p class=\"trusted\"><em>trusted</em></p>");

        // summary of verdicts comes before the sections and has badges
        int summaryAt = html.indexOf("id=\"summary\"");
        int firstSection = html.indexOf("<section id=\"good\"");
        assertThat(summaryAt).isPositive().isLessThan(firstSection);
        String summaryHtml = html.substring(summaryAt, html.indexOf("</section>", summaryAt));
        assertThat(summaryHtml).contains("badge badge-holds\"").contains("badge-fails")
                .contains("badge-holds-under-condition").contains("badge-not-checked")
                .contains("Strong duality &lt;holds&gt;").contains("href=\"#broken\"");

        // table of contents and the failed section
        assertThat(html).contains("<nav id=\"contents\">").contains("<a href=\"#good\">");
        String broken = html.substring(html.indexOf("<section id=\"broken\""));
        assertThat(broken).contains("This section failed").contains("IllegalStateException")
                .contains("badge-not-checked");

        // figure with relative paths, CSV next to the report, no temporary files
        assertThat(html).contains("<img src=\"good/rank.png\"").contains("href=\"good/rank.svg\"")
                .contains("href=\"good/gaps.csv\"");
        assertThat(tmp.resolve("out/good/rank.png")).isRegularFile();
        assertThat(Files.readString(tmp.resolve("out/good/gaps.csv")))
                .isEqualTo("seed,gap <abs>\r\n1,1.23457e-09\r\n2,NaN\r\n");
        try (Stream<Path> files = Files.walk(tmp)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void sectionsRunInOrderAndDuplicateIdsAreRejected() {
        assertThatThrownBy(() -> runReport(List.of(new BrokenSection(), new BrokenSection())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("section id");
    }

    @Test
    void registryHasEnvironmentAndRejectsUnknownIds() {
        assertThat(ReportSections.all()).extracting(ReportSection::id).contains("environment");
        assertThat(ReportSections.select(List.of("environment"))).hasSize(1);
        assertThatThrownBy(() -> ReportSections.select(List.of("nope")))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("invalid --only = nope");
    }

    @Test
    void optionsAndItemsValidateWithNamedFields() {
        assertThatThrownBy(() -> new ReportOptions(tmp, 1, false, 0, List.of()))
                .hasMessageContaining("--threads");
        assertThatThrownBy(() -> new ReportOptions(null, 1, false, 1, List.of())).hasMessageContaining("--out");
        assertThatThrownBy(() -> new Table("a b", "", List.of("x"), List.of())).hasMessageContaining("name");
        assertThatThrownBy(() -> new Table("t", "", List.of("x", "y"), List.of(List.of("1"))))
                .hasMessageContaining("rows[0]");
        assertThatThrownBy(() -> new Verdict(" ", Outcome.HOLDS, "")).hasMessageContaining("claim");
    }

    @Test
    void tableFormatsNumbers() {
        assertThat(Table.row(0.0, 1.5, 1234567.0, 2.5e-7, Double.POSITIVE_INFINITY, 3, "s"))
                .containsExactly("0", "1.5", "1.23457e+06", "2.50000e-07", "Infinity", "3", "s");
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
