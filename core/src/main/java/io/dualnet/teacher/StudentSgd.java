package io.dualnet.teacher;

import io.dualnet.data.InvalidInputException;

import java.util.List;
import java.util.function.Consumer;

/**
 * The SGD kernel of the hit-rate experiment (Zhang et al. 2019, Sec. 5.2, Table 1): trains a one-hidden-layer ReLU
 * student of width {@code I} on a {@link TeacherProblem} with mini-batch SGD under an {@link SgdProtocol}, and
 * reports whether its full-data loss reached the global minimum within the tolerance.
 *
 * <p>Objective: the mean over the data of the protocol's loss of
 * {@code f(x) = s (sum_j a_j (w_j . x + b_j)_+ + c)}; each step takes a mini-batch of {@code B} samples (without
 * replacement from a permutation redrawn each epoch) and moves every parameter by {@code -lr} times the batch-mean
 * (sub)gradient (ReLU'(0) = 0, hinge'(kink) = 0, as in PyTorch). Every {@code checkEvery} steps the full-data loss
 * is evaluated and the run stops when it is at most the tolerance (the PyTorch peer {@code hitrate.py} does the
 * same), then the schedule is applied.
 *
 * <p>The kernel trains the runs of one width in lock step ({@link LaneBatch}): blocks of runs are the lanes of SIMD
 * vectors, the forward and backward pass of 4 samples at a time are fused, on {@code double} parameters that stay
 * in the L1 cache ({@link LaneKernel}); no allocation happens inside the loop. A run is a pure function of {@code (problem, protocol, width, seed)}: its own
 * {@link java.util.Random} (seeded from {@code seed} and {@code width}) draws the initialization and the mini-batch
 * order, so results do not depend on how runs are spread over threads. Instances are immutable and thread-safe.
 */
public final class StudentSgd {
    /** The authors' stop rule: a mini-batch loss below this stops training; a rise above the reference by more
     * than this counts. */
    static final double AUTHORS_EPS = 1e-5;
    /** The authors' stop rule: the mini-batch loss is compared with the reference every this many steps. */
    static final int AUTHORS_PERIOD = 100;
    /** The authors' stop rule: decays before the next rise stops training. */
    static final int AUTHORS_DECAYS = 3;
    /** The authors' stop rule: the factor on the step size at each decay. */
    static final double AUTHORS_FACTOR = 0.1;

    private final TeacherProblem problem;
    private final SgdProtocol protocol;
    private final double[] y;

    /**
     * A kernel for one problem and protocol.
     *
     * @throws InvalidInputException when the batch is larger than the number of samples
     */
    public StudentSgd(TeacherProblem problem, SgdProtocol protocol) {
        if (problem == null) {
            throw new InvalidInputException("problem", null, "a teacher problem");
        }
        if (protocol == null) {
            throw new InvalidInputException("protocol", null, "an SGD protocol");
        }
        if (protocol.batch() > problem.samples()) {
            throw new InvalidInputException("batch", protocol.batch(),
                    "at most the number of samples (" + problem.samples() + ")");
        }
        this.problem = problem;
        this.protocol = protocol;
        this.y = problem.targets(protocol.labels());
    }

    /** The problem. */
    public TeacherProblem problem() {
        return problem;
    }

    /** The protocol. */
    public SgdProtocol protocol() {
        return protocol;
    }

    /**
     * Trains one student.
     *
     * @param width hidden units {@code I >= 1}
     * @param seed the run's seed
     * @return the outcome (a non-finite loss is the status {@link StudentRun.Stop#DIVERGED}, never an exception)
     */
    public StudentRun run(int width, long seed) {
        return runLanes(width, new long[] {seed}, null).get(0);
    }

    /**
     * Trains students of width {@code width} from each of {@code seeds} in lock step (the seeds are the SIMD lanes);
     * {@code onFinish} gets each run as soon as it ends (hits, stops or diverges), on the calling thread. A run's
     * outcome is the same whatever other seeds share its batch.
     *
     * @return the runs in the order of {@code seeds}
     * @throws InvalidInputException for a width below 1 or repeated seeds
     */
    public List<StudentRun> runLanes(int width, long[] seeds, Consumer<StudentRun> onFinish) {
        InvalidInputException.requireAtLeast("width", width, 1);
        if (seeds == null || seeds.length == 0) {
            throw new InvalidInputException("seeds", seeds == null ? null : "[]", "at least one seed");
        }
        if (java.util.Arrays.stream(seeds).distinct().count() != seeds.length) {
            throw new InvalidInputException("seeds", java.util.Arrays.toString(seeds), "distinct seeds");
        }
        return new LaneBatch(problem, protocol, y, width, seeds, onFinish == null ? r -> { } : onFinish).train();
    }

    /**
     * Which arithmetic {@link #runLanes} uses in this JVM: the SIMD kernel (Vector API, when the JVM was started with
     * {@code --add-modules jdk.incubator.vector}, as {@code ./dualnet} does) or the plain-loop kernel; both compute
     * the same numbers.
     */
    public static String kernelDescription() {
        if (LaneKernel.vectorAvailable()) {
            return "SIMD (Vector API, " + VectorLaneKernel.lanes() + " lanes of double per vector)";
        }
        return "plain loops (the JVM lacks --add-modules jdk.incubator.vector)";
    }

    /** A well-spread 64-bit seed from {@code (seed, width)} (the SplitMix64 finalizer). */
    static long mix(long seed, int width) {
        long v = seed * 0x9E3779B97F4A7C15L + width * 0xBF58476D1CE4E5B9L;
        v = (v ^ (v >>> 30)) * 0xBF58476D1CE4E5B9L;
        v = (v ^ (v >>> 27)) * 0x94D049BB133111EBL;
        return v ^ (v >>> 31);
    }
}
