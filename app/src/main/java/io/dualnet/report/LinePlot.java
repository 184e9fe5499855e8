package io.dualnet.report;

import io.dualnet.data.AtomicFiles;
import io.dualnet.data.InvalidInputException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A line / scatter / step chart with named series, rendered headlessly with XChart and saved atomically as PNG or
 * SVG.
 *
 * <pre>{@code
 * new LinePlot("Duality gap").xTitle("iteration").yTitle("gap").logY()
 *         .line("L=2", it, gap2).line("L=3", it, gap3)
 *         .savePng(dir.resolve("gap.png"));
 * }</pre>
 *
 * <p>Not thread-safe; build and save a plot on one thread.
 */
public final class LinePlot {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final String title;
    private final List<PlotSeries> series = new ArrayList<>();
    private String xTitle = "";
    private String yTitle = "";
    private boolean logX;
    private boolean logY;
    private boolean markers = true;
    private int width = 800;
    private int height = 500;
    private double[] xRange;
    private double[] yRange;
    private boolean legend = true;
    private int markerSize = -1;

    /** An empty plot titled {@code title} (may be empty). */
    public LinePlot(String title) {
        if (title == null) {
            throw new InvalidInputException("title", null, "a plot title (may be empty)");
        }
        this.title = title;
    }

    /** Sets the x axis title. */
    public LinePlot xTitle(String text) {
        this.xTitle = text == null ? "" : text;
        return this;
    }

    /** Sets the y axis title. */
    public LinePlot yTitle(String text) {
        this.yTitle = text == null ? "" : text;
        return this;
    }

    /** Logarithmic x axis (all x must then be &gt; 0). */
    public LinePlot logX() {
        this.logX = true;
        return this;
    }

    /** Logarithmic y axis (all y must then be &gt; 0). */
    public LinePlot logY() {
        this.logY = true;
        return this;
    }

    /** Whether line series show markers at their points (default true). */
    public LinePlot markers(boolean show) {
        this.markers = show;
        return this;
    }

    /** Fixes the x axis to {@code [min, max]} (default: fitted to the data). */
    public LinePlot xRange(double min, double max) {
        this.xRange = range("x range", min, max);
        return this;
    }

    /** Fixes the y axis to {@code [min, max]} (default: fitted to the data). */
    public LinePlot yRange(double min, double max) {
        this.yRange = range("y range", min, max);
        return this;
    }

    /** Marker size in pixels (default: XChart's). */
    public LinePlot markerSize(int pixels) {
        this.markerSize = InvalidInputException.requireAtLeast("markerSize", pixels, 1);
        return this;
    }

    /** Whether to show the legend (default true). */
    public LinePlot legend(boolean show) {
        this.legend = show;
        return this;
    }

    private static double[] range(String name, double min, double max) {
        if (!(Double.isFinite(min) && Double.isFinite(max) && min < max)) {
            throw new InvalidInputException(name, "[" + min + ", " + max + "]", "finite min < max");
        }
        return new double[] {min, max};
    }

    /** Image size in pixels (default 800 x 500). */
    public LinePlot size(int widthPixels, int heightPixels) {
        this.width = InvalidInputException.requireAtLeast("width", widthPixels, 50);
        this.height = InvalidInputException.requireAtLeast("height", heightPixels, 50);
        return this;
    }

    /** Adds a series drawn as a line. */
    public LinePlot line(String name, double[] x, double[] y) {
        return series(name, x, y, PlotStyle.LINE);
    }

    /** Adds a series drawn as markers only. */
    public LinePlot scatter(String name, double[] x, double[] y) {
        return series(name, x, y, PlotStyle.SCATTER);
    }

    /** Adds a series drawn as a staircase (e.g. rank vs beta). */
    public LinePlot step(String name, double[] x, double[] y) {
        return series(name, x, y, PlotStyle.STEP);
    }

    /**
     * Adds a series.
     *
     * @throws InvalidInputException naming the series when it is empty, x and y differ in length, the name is
     *                               taken, or a value is not positive on a logarithmic axis
     */
    public LinePlot series(String name, double[] x, double[] y, PlotStyle style) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("series name", name, "a non-blank name");
        }
        if (series.stream().anyMatch(s -> s.name().equals(name))) {
            throw new InvalidInputException("series name", name, "a name not used by another series of the plot");
        }
        if (x == null || y == null || x.length == 0 || x.length != y.length) {
            throw new InvalidInputException("series '" + name + "'",
                    (x == null ? "null" : x.length) + " x / " + (y == null ? "null" : y.length) + " y values",
                    "non-empty x and y of equal length");
        }
        if (style == null) {
            throw new InvalidInputException("style", null, "a plot style");
        }
        series.add(new PlotSeries(name, x.clone(), y.clone(), style));
        return this;
    }

    /** The XChart chart (for tweaks beyond this builder). */
    public XYChart toChart() {
        if (series.isEmpty()) {
            throw new InvalidInputException("series", "none", "at least one series in plot '" + title + "'");
        }
        for (PlotSeries s : series) {
            checkLog(s, "x", s.x(), logX);
            checkLog(s, "y", s.y(), logY);
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        XYStyler styler = chart.getStyler();
        styler.setXAxisLogarithmic(logX);
        styler.setYAxisLogarithmic(logY);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setLegendVisible(legend);
        if (markerSize > 0) {
            styler.setMarkerSize(markerSize);
        }
        styler.setAntiAlias(true);
        if (xRange != null) {
            styler.setXAxisMin(xRange[0]);
            styler.setXAxisMax(xRange[1]);
        }
        if (yRange != null) {
            styler.setYAxisMin(yRange[0]);
            styler.setYAxisMax(yRange[1]);
        }
        for (PlotSeries s : series) {
            XYSeries xy = chart.addSeries(s.name(), s.x(), s.y());
            switch (s.style()) {
                case LINE -> {
                    xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                    if (!markers) {
                        xy.setMarker(SeriesMarkers.NONE);
                    }
                }
                case SCATTER -> xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                case STEP -> {
                    xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
                    xy.setMarker(SeriesMarkers.NONE);
                }
                case STEP_AREA -> {
                    xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
                    xy.setMarker(SeriesMarkers.NONE);
                }
            }
        }
        return chart;
    }

    /** The chart as PNG bytes. */
    public byte[] png() {
        try {
            return BitmapEncoder.getBitmapBytes(toChart(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render plot '" + title + "' as PNG: " + e.getMessage(), e);
        }
    }

    /** The chart as SVG bytes. */
    public byte[] svg() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(toChart(), bytes, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render plot '" + title + "' as SVG: " + e.getMessage(), e);
        }
    }

    /** Writes the chart as PNG to {@code file} atomically (parent directories created). */
    public Path savePng(Path file) {
        byte[] bytes = png();
        AtomicFiles.write(file, out -> out.write(bytes));
        return file;
    }

    /** Writes the chart as SVG to {@code file} atomically (parent directories created). */
    public Path saveSvg(Path file) {
        byte[] bytes = svg();
        AtomicFiles.write(file, out -> out.write(bytes));
        return file;
    }

    private static void checkLog(PlotSeries s, String axis, double[] values, boolean log) {
        if (!log) {
            return;
        }
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] > 0)) {
                throw new InvalidInputException("series '" + s.name() + "' " + axis + "[" + i + "]", values[i],
                        "a value > 0 on a logarithmic " + axis + " axis");
            }
        }
    }
}
