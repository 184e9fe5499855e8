package io.dualnet.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link ReportSection} produced: paragraphs, figures, tables and verdicts, rendered in the order added.
 * Built fluently by the section; not thread-safe.
 *
 * <pre>{@code
 * return new SectionResult()
 *         .text("We solve the dual for 20 seeds ...")
 *         .figure(ctx.saveFigure(plot, "gap", "Duality gap vs iterations"))
 *         .table(new Table("gaps", "Gaps", List.of("seed", "gap"), rows))
 *         .verdict(new Verdict("Strong duality holds", Outcome.HOLDS, "max gap 1e-10"));
 * }</pre>
 */
public final class SectionResult {

    private final List<SectionItem> items = new ArrayList<>();

    /** Adds a paragraph of plain text (escaped when rendered). */
    public SectionResult text(String text) {
        return add(new Paragraph(text, false));
    }

    /** Adds a trusted HTML fragment written by the section's author (inserted as is; never put data in it). */
    public SectionResult html(String fragment) {
        return add(new Paragraph(fragment, true));
    }

    /** Adds a figure. */
    public SectionResult figure(Figure figure) {
        return add(figure);
    }

    /** Adds a figure from files already written inside the report directory. */
    public SectionResult figure(Path png, Path svg, String caption) {
        return add(new Figure(png, svg, caption));
    }

    /** Adds a table (also saved as CSV). */
    public SectionResult table(Table table) {
        return add(table);
    }

    /** Adds a verdict (shown in place and in the report's summary). */
    public SectionResult verdict(Verdict verdict) {
        return add(verdict);
    }

    /** Adds a verdict. */
    public SectionResult verdict(String claim, Outcome outcome, String detail) {
        return add(new Verdict(claim, outcome, detail));
    }

    /** Adds any item. */
    public SectionResult add(SectionItem item) {
        if (item == null) {
            throw new io.dualnet.data.InvalidInputException("item", null, "a section item");
        }
        items.add(item);
        return this;
    }

    /** All items in order (a copy). */
    public List<SectionItem> items() {
        return List.copyOf(items);
    }

    /** The verdicts in order. */
    public List<Verdict> verdicts() {
        return items.stream().filter(Verdict.class::isInstance).map(Verdict.class::cast).toList();
    }
}
