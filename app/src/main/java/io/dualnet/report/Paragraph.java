package io.dualnet.report;

import io.dualnet.data.InvalidInputException;

/**
 * A paragraph of text, or a trusted HTML fragment.
 *
 * @param content the text (escaped when rendered) or, when {@code html}, markup inserted as is
 * @param html true when {@code content} is trusted HTML written by the section's author (never measured data or
 *             user input)
 */
public record Paragraph(String content, boolean html) implements SectionItem {

    /** Validates every field. */
    public Paragraph {
        if (content == null) {
            throw new InvalidInputException("content", null, "paragraph text");
        }
    }
}
