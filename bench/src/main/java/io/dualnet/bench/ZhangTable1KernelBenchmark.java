package io.dualnet.bench;

import io.dualnet.teacher.SgdProtocol;
import io.dualnet.teacher.StudentRun;
import io.dualnet.teacher.StudentSgd;
import io.dualnet.teacher.TeacherProblem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The lock-step SGD kernel of Table 1 of Zhang et al. ({@link StudentSgd#runLanes}) on the paper's problem (n = 1000,
 * d = 10, 11 teacher units): one block of {@value #LANES} seeds (a width's 100 seeds are split into two such blocks by
 * {@code dualnet repro zhang-table1}) trained for {@value #STEPS} steps, full-data check every 100 steps, no run
 * stopping early (the hinge runs of {@code plain} hit only after 5 000 steps; {@code squared} never stops). The
 * score is the time per SGD step of one run (one operation = one run-step), single-threaded, for the SIMD kernel
 * and for the plain-loop kernel that runs when the JVM lacks the module {@code jdk.incubator.vector}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx1g", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ZhangTable1KernelBenchmark {
    /** Runs per lock-step block. */
    static final int LANES = 50;
    /** SGD steps per run per invocation. */
    static final int STEPS = 1000;

    /** Student width I. */
    @Param({"10", "15", "21"})
    public int width;

    /** {@code plain}: hinge tau = 1 on sign(f*), lr 0.1; {@code squared}: half squared error on f*, lr 0.01. */
    @Param({"plain", "squared"})
    public String protocol;

    /** {@code vector}: the SIMD kernel (Vector API); {@code scalar}: the plain-loop kernel (without the module). */
    @Param({"vector", "scalar"})
    public String kernelKind;

    private StudentSgd kernel;
    private long[] seeds;

    /** The paper's problem and the protocol. */
    @Setup(Level.Trial)
    public void setUp() {
        System.setProperty("dualnet.vector", Boolean.toString(kernelKind.equals("vector")));
        boolean hinge = protocol.equals("plain");
        SgdProtocol p = new SgdProtocol(hinge ? SgdProtocol.Loss.HINGE : SgdProtocol.Loss.SQUARED, 1.0,
                hinge ? SgdProtocol.Labels.SIGN : SgdProtocol.Labels.TEACHER, hinge ? 0.1 : 0.01, 100,
                SgdProtocol.Init.PYTORCH, 1.0, true, SgdProtocol.OutputScale.SUM, SgdProtocol.Schedule.CONSTANT,
                STEPS, 100, 1e-5);
        kernel = new StudentSgd(TeacherProblem.generate(1000, 10, 11, 0), p);
        seeds = new long[LANES];
        for (int s = 0; s < LANES; s++) {
            seeds[s] = s;
        }
    }

    /** One block of {@value #LANES} runs of {@value #STEPS} steps. */
    @Benchmark
    @OperationsPerInvocation(LANES * STEPS)
    public List<StudentRun> block() {
        return kernel.runLanes(width, seeds, null);
    }
}
