package io.dualnet.report;

import io.dualnet.data.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinePlotTest {

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path tmp;

    private static LinePlot plot() {
        double[] x = {1, 2, 4, 8, 16};
        return new LinePlot("Duality gap").xTitle("iteration").yTitle("gap").logX().logY()
                .line("L=2", x, new double[]{1, 1e-2, 1e-4, 1e-8, 1e-12})
                .scatter("L=3", x, new double[]{2, 2e-2, 2e-4, 2e-8, 2e-12})
                .step("rank", x, new double[]{5, 4, 4, 2, 1})
                .series("bars", x, new double[]{1, 1, 1, 1, 1}, PlotStyle.STEP_AREA);
    }

    @Test
    void writesPngAndSvgAtomically() throws IOException {
        Path png = plot().savePng(tmp.resolve("fig/gap.png"));
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(1000);
        assertThat(Arrays.copyOf(bytes, 8)).isEqualTo(PNG_MAGIC);

        Path svg = plot().markers(false).size(400, 300).saveSvg(tmp.resolve("fig/gap.svg"));
        assertThat(Files.readString(svg, StandardCharsets.UTF_8)).contains("<svg");

        try (Stream<Path> files = Files.list(tmp.resolve("fig"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("gap.png", "gap.svg");
        }
    }

    @Test
    void rejectsBadSeriesWithNamedMessages() {
        LinePlot plot = new LinePlot("p").logY().line("gap", new double[]{1, 2}, new double[]{1, 0});
        assertThatThrownBy(plot::png).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("series 'gap' y[1]").hasMessageContaining("logarithmic");
        assertThatThrownBy(() -> new LinePlot("p").line("a", new double[]{1}, new double[]{1, 2}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("series 'a'");
        assertThatThrownBy(() -> new LinePlot("p").line("a", new double[]{1}, new double[]{1})
                .line("a", new double[]{1}, new double[]{1})).hasMessageContaining("series name");
        assertThatThrownBy(() -> new LinePlot("empty").png()).hasMessageContaining("at least one series");
    }
}
