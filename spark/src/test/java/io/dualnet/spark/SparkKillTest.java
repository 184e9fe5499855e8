package io.dualnet.spark;

import io.dualnet.experiment.KillHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * A Spark {@code local[2]} driver killed with SIGKILL keeps every cell it reported saved (the driver appends each
 * cell as its task completes); the rerun computes only the rest.
 */
class SparkKillTest {

    @TempDir
    Path tmp;

    @Test
    void sigkilledDriverLosesAtMostTheCellsInFlight() throws Exception {
        // the --add-opens flags this JVM got from surefire, which Spark needs in the child too
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-D") || a.startsWith("-XX:+Ignore"))
                .toList();
        KillHarness.killAndResume(tmp, "local[2]", flags, 40, 300, 6);
    }
}
