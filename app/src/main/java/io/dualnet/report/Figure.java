package io.dualnet.report;

import io.dualnet.data.InvalidInputException;

import java.nio.file.Path;

/**
 * A figure of the report: a PNG shown inline, optionally an SVG version linked below it.
 *
 * @param png the PNG file (inside the report directory, so the HTML can refer to it by a relative path)
 * @param svg the SVG file, or {@code null}
 * @param caption caption text
 */
public record Figure(Path png, Path svg, String caption) implements SectionItem {

    /** Validates every field. */
    public Figure {
        if (png == null) {
            throw new InvalidInputException("png", null, "a PNG file path");
        }
        if (caption == null) {
            throw new InvalidInputException("caption", null, "a caption (may be empty)");
        }
    }
}
