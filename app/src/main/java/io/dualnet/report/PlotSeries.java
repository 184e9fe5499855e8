package io.dualnet.report;

/**
 * One named series of a {@link LinePlot}.
 *
 * @param name legend name
 * @param x abscissae
 * @param y ordinates, as many as {@code x}
 * @param style how the series is drawn
 */
record PlotSeries(String name, double[] x, double[] y, PlotStyle style) {
}
