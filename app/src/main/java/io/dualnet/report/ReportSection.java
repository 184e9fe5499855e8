package io.dualnet.report;

/**
 * One section of the reproduction report (typically one table or figure of a paper, with verdicts on its claims).
 *
 * <p>Implementations are stateless; register them in {@link ReportSections}. {@link #render(ReportContext)} may
 * throw: the report then shows the section as failed (verdict {@link Outcome#NOT_CHECKED}) and continues.
 */
public interface ReportSection {

    /** Stable, filename-safe identifier ({@code [a-z0-9-]}), used for anchors, {@code --only} and the section's
     * output directory. */
    String id();

    /** Title shown in the report. */
    String title();

    /**
     * Runs the section's experiments and describes the results.
     *
     * @param ctx output directory, seed, quick flag, threads, and helpers to save figures and run grids
     */
    SectionResult render(ReportContext ctx) throws Exception;
}
