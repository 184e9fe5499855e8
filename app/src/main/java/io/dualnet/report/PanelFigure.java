package io.dualnet.report;

import io.dualnet.data.AtomicFiles;
import io.dualnet.data.InvalidInputException;
import org.knowm.xchart.BitmapEncoder;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Several {@link LinePlot}s side by side in one PNG (a multi-panel figure such as Figure 3 of Zhang et al.), written
 * atomically.
 */
public final class PanelFigure {
    private PanelFigure() {
    }

    /** The panels in a grid of {@code columns} columns, as PNG bytes. */
    public static byte[] png(List<LinePlot> panels, int columns) {
        if (panels == null || panels.isEmpty()) {
            throw new InvalidInputException("panels", panels, "at least one plot");
        }
        InvalidInputException.requireAtLeast("columns", columns, 1);
        BufferedImage[] images = new BufferedImage[panels.size()];
        int w = 0;
        int h = 0;
        for (int i = 0; i < images.length; i++) {
            images[i] = BitmapEncoder.getBufferedImage(panels.get(i).toChart());
            w = Math.max(w, images[i].getWidth());
            h = Math.max(h, images[i].getHeight());
        }
        int cols = Math.min(columns, images.length);
        int rows = (images.length + cols - 1) / cols;
        BufferedImage out = new BufferedImage(cols * w, rows * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            for (int i = 0; i < images.length; i++) {
                g.drawImage(images[i], (i % cols) * w, (i / cols) * h, null);
            }
        } finally {
            g.dispose();
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(out, "png", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode panel figure: " + e.getMessage(), e);
        }
    }

    /** Writes {@link #png} to {@code file} atomically (parent directories created). */
    public static Path savePng(List<LinePlot> panels, int columns, Path file) {
        byte[] bytes = png(panels, columns);
        AtomicFiles.write(file, out -> out.write(bytes));
        return file;
    }
}
