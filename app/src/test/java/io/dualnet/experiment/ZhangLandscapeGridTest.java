package io.dualnet.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dualnet.data.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The landscape panels of Zhang et al. are seeded cells of the grid {@code zhang-landscape}: a rerun skips the
 * finished panels and says so, a run killed with SIGKILL loses at most the panels in flight, and a resumed panel is
 * the same as one computed again.
 */
class ZhangLandscapeGridTest {
    /** Cells of the kill test. */
    static final int CELLS = 8;
    /** Panels the child reports saved before it is killed. */
    static final int BEFORE_KILL = 3;

    @TempDir
    Path tmp;

    /** Small Figure 1 panels (widths 2..9, 40 epochs on 300 teacher points, 9 x 9 views). */
    static List<ZhangLandscapeCell> cells() {
        List<ZhangLandscapeCell> cells = new ArrayList<>();
        for (int w = 2; w < 2 + CELLS; w++) {
            cells.add(new ZhangLandscapeCell("fig1", ZhangLandscapeCell.TEACHER, 300, 5, "10-1-1:relu", w, "hinge", 1,
                    0.05, 0, 40, 9, 100 + w));
        }
        return cells;
    }

    @Test
    void aPanelIsAPureFunctionOfItsCell() {
        ZhangLandscapeCell cell = cells().get(3);
        ZhangLandscape.Panel a = ZhangLandscape.run(cell);
        ZhangLandscape.Panel b = ZhangLandscape.run(cell);
        assertThat(withoutSeconds(a)).isEqualTo(withoutSeconds(b));
        assertThat(a.branches()).isEqualTo(5);
        // the origin is the mean of the anchors: in the unnormalized view they sit at (1/3, 1/3), (-2/3, 1/3), ...
        assertThat(a.triangle().anchors()[1][0]).isCloseTo(-2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(a.authors().range()).isEqualTo(ZhangLandscape.AUTHORS_RANGE);
        assertThat(a.authors().normalize()).isTrue();
        assertThat(a.authors().surface().loss()).hasNumberOfRows(9);
    }

    @Test
    void keysChangeWithEveryParameter() {
        ZhangLandscapeCell c = cells().get(0);
        assertThat(c.key()).startsWith("fig1-I2-n300-e40-g9-s102-");
        ZhangLandscapeCell otherRate = new ZhangLandscapeCell(c.panel(), c.data(), c.samples(), c.dataSeed(),
                c.branch(), c.branches(), c.loss(), c.tau(), 0.06, c.momentum(), c.epochs(), c.gridSize(), c.seed());
        assertThat(otherRate.key()).isNotEqualTo(c.key());
        assertThatThrownBy(() -> new ZhangLandscapeCell("fig 1", c.data(), 1, 0, c.branch(), 1, "hinge", 1, 0.1, 0, 1,
                3, 0)).isInstanceOf(InvalidInputException.class).hasMessageContaining("panel");
    }

    @Test
    void aRerunSkipsTheFinishedPanels() {
        List<ZhangLandscapeCell> cells = cells().subList(0, 3);
        GridRun<ZhangLandscapeCell, ZhangLandscape.Panel> first =
                new GridRunner(new GridOptions(tmp, 2)).run(ZhangLandscape.grid(cells));
        assertThat(first.computed()).isEqualTo(3);
        RecordingSink sink = new RecordingSink();
        GridRun<ZhangLandscapeCell, ZhangLandscape.Panel> second =
                new GridRunner(new GridOptions(tmp, 2), sink).run(ZhangLandscape.grid(cells));
        assertThat(second.resumed()).isEqualTo(3);
        assertThat(sink.notes).containsExactly("grid zhang-landscape: skipped 3 of 3 cells finished earlier ("
                + tmp.resolve("zhang-landscape").resolve(CellStore.FILE_NAME) + ")");
        for (int i = 0; i < cells.size(); i++) {
            assertThat(withoutSeconds(second.results().get(i))).isEqualTo(withoutSeconds(first.results().get(i)));
        }
    }

    @Test
    void sigkillLosesAtMostThePanelsInFlight() throws Exception {
        int acknowledged = KillHarness.killAfter(ZhangLandscapeKillTarget.class, List.of(tmp.toString()), List.of(),
                BEFORE_KILL);
        Path file = tmp.resolve("zhang-landscape").resolve(CellStore.FILE_NAME);
        int saved;
        try (CellStore store = CellStore.open(file)) {
            saved = store.lines().size();
            assertThat(store.ignoredLines()).isLessThanOrEqualTo(1);
        }
        // every panel the child reported is on disk; at most the 2 in flight are lost
        assertThat(saved).isGreaterThanOrEqualTo(acknowledged).isLessThan(CELLS);

        RecordingSink sink = new RecordingSink();
        List<ZhangLandscapeCell> cells = cells();
        GridRun<ZhangLandscapeCell, ZhangLandscape.Panel> rerun =
                new GridRunner(new GridOptions(tmp, 2), sink).run(ZhangLandscape.grid(cells));
        assertThat(rerun.resumed()).isEqualTo(saved);
        assertThat(rerun.computed()).isEqualTo(CELLS - saved);
        assertThat(sink.notes).containsExactly("grid zhang-landscape: skipped " + saved + " of " + CELLS
                + " cells finished earlier (" + file + ")");
        assertThat(Files.readAllLines(file)).hasSize(CELLS);
        // the panels saved by the killed run are the ones computed now
        for (int i = 0; i < CELLS; i++) {
            if (rerun.outcomes().get(i).resumed()) {
                assertThat(withoutSeconds(rerun.results().get(i)))
                        .isEqualTo(withoutSeconds(ZhangLandscape.run(cells.get(i))));
            }
        }
    }

    /** The panel as JSON without its wall times. */
    static JsonNode withoutSeconds(ZhangLandscape.Panel panel) {
        return strip(ResultJson.MAPPER.valueToTree(panel));
    }

    private static JsonNode strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                if (names.next().toLowerCase(Locale.ROOT).endsWith("seconds")) {
                    names.remove();
                }
            }
            object.forEach(ZhangLandscapeGridTest::strip);
        }
        return node;
    }
}
