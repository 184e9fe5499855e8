package io.dualnet.experiment;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a real grid run with SIGKILL and checks what survives: every cell the run reported saved is in
 * {@code cells.jsonl}, the cells in flight are the only loss, and a rerun in this JVM computes exactly the missing
 * cells, says how many it skipped, and returns the same results as an uninterrupted run.
 */
public final class KillHarness {

    private KillHarness() {
    }

    /**
     * Starts {@link GridKillTarget} in a child JVM on {@code engine} with {@code cells} cells (a multiple of 4) of
     * {@code sleepMillis} each, kills it with SIGKILL once it has reported {@code finishedBeforeKill} cells saved,
     * then checks the file and the rerun.
     *
     * @param jvmFlags extra flags of the child JVM (Spark's --add-opens)
     */
    public static void killAndResume(Path dir, String engine, List<String> jvmFlags, int cells, long sleepMillis,
                                     int finishedBeforeKill) throws Exception {
        int acknowledged = killAfter(GridKillTarget.class, List.of(dir.toString(), engine, Integer.toString(cells),
                Long.toString(sleepMillis)), jvmFlags, finishedBeforeKill);

        Path file = dir.resolve(CellStore.FILE_NAME);
        int saved;
        try (CellStore store = CellStore.open(file)) {
            saved = store.lines().size();
            assertThat(store.ignoredLines()).isLessThanOrEqualTo(1);
        }
        // every cell the child reported saved is on disk; the loss is the cells in flight at the kill
        assertThat(saved).isGreaterThanOrEqualTo(acknowledged).isLessThan(cells);

        SleepGrid.COMPUTED.set(0);
        RecordingSink sink = new RecordingSink();
        Grid<SleepGrid.Cell, SleepGrid.Result> grid = SleepGrid.grid("kill", 4, cells / 4, 0);
        GridRun<SleepGrid.Cell, SleepGrid.Result> rerun =
                new GridRunner(new GridOptions(dir, 2).directFile(), sink).run(grid);
        assertThat(rerun.resumed()).isEqualTo(saved);
        assertThat(SleepGrid.COMPUTED).hasValue(cells - saved);
        assertThat(sink.notes).containsExactly("grid kill: skipped " + saved + " of " + cells
                + " cells finished earlier (" + file + ")");
        assertThat(Files.readAllLines(file)).hasSize(cells);
        for (int i = 0; i < cells; i++) {
            assertThat(rerun.results().get(i)).isEqualTo(SleepGrid.run(grid.cells().get(i)));
        }
    }

    /**
     * Starts {@code target} (a main class printing {@code finished} on standard output after each saved cell, and
     * nothing else) in a child JVM with {@code args}, kills it with SIGKILL once it has printed
     * {@code finishedBeforeKill} lines, and checks that it printed nothing else and died of the signal.
     *
     * @return the number of cells the child reported saved before the kill
     */
    public static int killAfter(Class<?> target, List<String> args, List<String> jvmFlags, int finishedBeforeKill)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), target.getName()));
        command.addAll(args);
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int acknowledged = 0;
        List<String> other = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged < finishedBeforeKill && (line = out.readLine()) != null) {
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
        assertThat(acknowledged).isEqualTo(finishedBeforeKill);
        assertThat(child.exitValue()).isEqualTo(137);
        return acknowledged;
    }
}
