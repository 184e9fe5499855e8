package io.dualnet.experiment;

import io.dualnet.teacher.StudentRun;

/**
 * The outcome of one run of Table 1 (one line of {@code cells.jsonl}, beside the cell's {@code setup}).
 *
 * @param width hidden units of the student
 * @param seed the run's seed
 * @param loss the final full-data loss
 * @param hit whether {@code loss <= tolerance}: within the tolerance of the global minimum (the loss is nonnegative,
 *            so this holds whatever the minimum is)
 * @param steps SGD steps taken
 * @param hitStep the step at which the full-data loss was first seen within the tolerance, or -1
 * @param decays step-size decays made by the schedule
 * @param stop why the run stopped: {@code HIT}, {@code BUDGET}, {@code SCHEDULE} (the authors' rule) or
 *             {@code DIVERGED}
 */
public record ZhangTable1Result(int width, long seed, double loss, boolean hit, int steps, int hitStep, int decays,
                                String stop) {

    /** The result of a kernel run. */
    public static ZhangTable1Result of(StudentRun run) {
        return new ZhangTable1Result(run.width(), run.seed(), run.loss(), run.hit(), run.iterations(),
                run.hitIteration(), run.decays(), run.stop().name());
    }

    /** Whether the run diverged. */
    public boolean diverged() {
        return StudentRun.Stop.DIVERGED.name().equals(stop);
    }
}
