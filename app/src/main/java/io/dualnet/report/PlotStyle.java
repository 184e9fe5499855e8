package io.dualnet.report;

/** How a {@link LinePlot} series is drawn. */
public enum PlotStyle {
    /** Points joined by straight lines (with markers unless disabled on the plot). */
    LINE,
    /** Markers only. */
    SCATTER,
    /** A staircase: the value holds until the next x (e.g. rank vs beta). */
    STEP,
    /** A staircase with the area below it filled, a cheap bar chart. */
    STEP_AREA
}
