package io.dualnet.report;

/** One block of a section's content, rendered in the order it was added to the {@link SectionResult}. */
public sealed interface SectionItem permits Paragraph, Figure, Table, Verdict {
}
