package io.dualnet.experiment;

import io.dualnet.data.InvalidInputException;
import io.dualnet.landscape.plane.SurfaceGrid;
import io.dualnet.landscape.plane.SurfaceLoss;
import io.dualnet.net.BranchArchitecture;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * One panel of Zhang et al.'s Figure 1 or 4 as a grid cell ({@link ZhangLandscape#run}): the data, the branch
 * architecture and count {@code I}, the training of the three networks and the two views of the plane through them.
 *
 * @param panel the figure it belongs to ({@code fig1}, {@code fig4-h8}, {@code fig4-888}; letters, digits, '-')
 * @param data {@code teacher} (Figure 1's synthetic problem) or {@code fashion-mnist} (first {@code samples} images)
 * @param samples {@code n}
 * @param dataSeed seed of the teacher data (unused for Fashion-MNIST)
 * @param branch the branch architecture ({@link BranchArchitecture#parse} syntax, e.g. {@code 784-8-10:relu:bias})
 * @param branches {@code I}
 * @param loss the loss name ({@link SurfaceLoss#NAMES}) with its {@code tau}
 * @param tau the loss's {@code tau}
 * @param learningRate SGD base learning rate (times {@code I}, see {@link ZhangLandscape})
 * @param momentum SGD momentum (0 in the authors' code)
 * @param epochs passes over the data per network
 * @param gridSize points per axis of both views
 * @param seed seed of the three trainings ({@code seed + 1..3})
 */
public record ZhangLandscapeCell(String panel, String data, int samples, long dataSeed, String branch, int branches,
                                 String loss, double tau, double learningRate, double momentum, int epochs,
                                 int gridSize, long seed) implements GridCell {
    private static final long serialVersionUID = 1L;

    /** The data sets a cell can use. */
    public static final String TEACHER = "teacher";
    /** Fashion-MNIST (Debian package). */
    public static final String FASHION_MNIST = "fashion-mnist";

    /** Validates every field. */
    public ZhangLandscapeCell {
        if (panel == null || !panel.matches("[A-Za-z0-9-]+")) {
            throw new InvalidInputException("panel", panel, "letters, digits and '-'");
        }
        if (!TEACHER.equals(data) && !FASHION_MNIST.equals(data)) {
            throw new InvalidInputException("data", data, TEACHER + " or " + FASHION_MNIST);
        }
        InvalidInputException.requireAtLeast("samples", samples, 1);
        BranchArchitecture.parse("branch", branch);
        InvalidInputException.requireAtLeast("branches", branches, 1);
        new SurfaceLoss(loss, tau);
        InvalidInputException.requirePositive("learningRate", learningRate);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new InvalidInputException("momentum", momentum, "a number in [0, 1)");
        }
        InvalidInputException.requireAtLeast("epochs", epochs, 1);
        new SurfaceGrid(gridSize, 1);
    }

    /**
     * {@code <panel>-I<branches>-n<samples>-e<epochs>-g<grid>-s<seed>-<crc>}: readable, file-name safe, and changed
     * by every field (the CRC-32 of all of them).
     */
    @Override
    public String key() {
        String all = String.join("|", panel, data, Integer.toString(samples), Long.toString(dataSeed), branch,
                Integer.toString(branches), loss, Double.toString(tau), Double.toString(learningRate),
                Double.toString(momentum), Integer.toString(epochs), Integer.toString(gridSize), Long.toString(seed));
        CRC32 crc = new CRC32();
        crc.update(all.getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "%s-I%d-n%d-e%d-g%d-s%d-%08x", panel, branches, samples, epochs, gridSize,
                seed, crc.getValue());
    }
}
