package io.dualnet.experiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/** A grid run on the thread pool killed with SIGKILL loses at most the cells in flight (2 threads). */
class GridKillTest {

    @TempDir
    Path tmp;

    @Test
    void sigkillLosesAtMostTheCellsInFlight() throws Exception {
        KillHarness.killAndResume(tmp, "local", List.of(), 100, 60, 12);
    }
}
