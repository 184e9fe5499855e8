package io.dualnet.teacher;

/**
 * The outcome of one SGD run of a student of width {@code width} from seed {@code seed}.
 *
 * <p>{@code hit} means the final full-data loss is at most the tolerance. Since the loss is nonnegative, a hit is
 * within the tolerance of the global minimum whatever that minimum is (a certified hit); a miss is certain when the
 * minimum is known to be 0 ({@link SgdProtocol#minimumKnownZero(int, int)}) and otherwise relative to 0.
 *
 * @param width hidden units of the student
 * @param seed the run's seed (initialization and mini-batch order)
 * @param loss the final full-data loss
 * @param hit whether {@code loss <= tolerance}
 * @param iterations SGD steps taken
 * @param hitIteration the step at which the hit was detected, or -1
 * @param decays step-size decays applied by the schedule
 * @param stop why the run stopped
 */
public record StudentRun(int width, long seed, double loss, boolean hit, int iterations, int hitIteration,
                         int decays, Stop stop) {

    /** Why a run stopped. */
    public enum Stop {
        /** The full-data loss reached the tolerance. */
        HIT,
        /** The iteration budget was used up. */
        BUDGET,
        /** The authors' schedule stopped it (a mini-batch loss below 1e-5, or a 4th rise). */
        SCHEDULE,
        /** A mini-batch loss was not finite (NaN or infinite) at step {@code iterations}. */
        DIVERGED
    }

    /** Whether the run diverged (a non-finite loss at step {@link #iterations()}). */
    public boolean diverged() {
        return stop == Stop.DIVERGED;
    }
}
