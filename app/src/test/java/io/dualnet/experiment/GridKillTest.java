package io.dualnet.experiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A grid run killed with SIGKILL loses at most the cells in flight, and the rerun computes only the rest. */
class GridKillTest {

    private static final int CELLS = 100;
    private static final int FINISHED_BEFORE_KILL = 12;

    @TempDir
    Path tmp;

    @Test
    void sigkillLosesAtMostTheCellsInFlight() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                GridKillTarget.class.getName(), tmp.toString()).redirectErrorStream(true).start();
        int acknowledged = 0;
        List<String> other = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged < FINISHED_BEFORE_KILL && (line = out.readLine()) != null) {
                if (line.equals("finished")) {
                    acknowledged++;
                } else {
                    other.add(line);
                }
            }
            child.destroyForcibly();  // SIGKILL on Unix: no shutdown hook, no finally block runs
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(other).isEmpty();
        assertThat(acknowledged).isEqualTo(FINISHED_BEFORE_KILL);
        assertThat(child.exitValue()).isEqualTo(137);

        Path file = tmp.resolve(CellStore.FILE_NAME);
        List<String> saved;
        try (CellStore store = CellStore.open(file)) {
            saved = List.copyOf(store.lines().keySet());
            assertThat(store.ignoredLines()).isLessThanOrEqualTo(1);
        }
        // every cell the child reported finished is on disk; at most the 2 cells in flight (2 threads) were lost
        // or finished between the last report we read and the kill
        assertThat(saved.size()).isGreaterThanOrEqualTo(acknowledged).isLessThan(CELLS);

        SleepGrid.COMPUTED.set(0);
        RecordingSink sink = new RecordingSink();
        Grid<SleepGrid.Cell, SleepGrid.Result> grid = SleepGrid.grid("kill", 4, 25, 0);
        GridRun<SleepGrid.Cell, SleepGrid.Result> rerun =
                new GridRunner(new GridOptions(tmp, 2).directFile(), sink).run(grid);
        assertThat(rerun.resumed()).isEqualTo(saved.size());
        assertThat(SleepGrid.COMPUTED).hasValue(CELLS - saved.size());
        assertThat(sink.notes).containsExactly("grid kill: skipped " + saved.size() + " of " + CELLS
                + " cells finished earlier (" + file + ")");
        assertThat(Files.readAllLines(file)).hasSize(CELLS);
        for (int i = 0; i < CELLS; i++) {
            assertThat(rerun.results().get(i)).isEqualTo(SleepGrid.run(grid.cells().get(i)));
        }
    }
}
