package io.dualnet.experiment;

import io.dualnet.data.InvalidInputException;
import io.dualnet.teacher.SgdProtocol;
import io.dualnet.teacher.SgdProtocol.Init;
import io.dualnet.teacher.SgdProtocol.Labels;
import io.dualnet.teacher.SgdProtocol.Loss;
import io.dualnet.teacher.SgdProtocol.OutputScale;
import io.dualnet.teacher.SgdProtocol.Schedule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Table 1 of Zhang, Shao, Salakhutdinov (2019), Sec. 5.2: the number of SGD runs out of 100 seeds that reach the
 * global minimum within 1e-5 after 100 000 iterations, for widths 10..21 on the synthetic teacher problem; and the
 * named protocols DualNet runs it under (the paper gives neither labels, step size, batch, initialization nor
 * schedule).
 */
public final class ZhangTable1 {
    /** The paper's widths. */
    public static final int[] PAPER_WIDTHS = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21};
    /** The paper's hits per 100 seeds for {@link #PAPER_WIDTHS}. */
    public static final int[] PAPER_HITS = {2, 9, 21, 24, 24, 29, 30, 32, 35, 52, 64, 75};
    /** The paper's seeds per width. */
    public static final int PAPER_SEEDS = 100;
    /** The paper's iterations per run. */
    public static final int PAPER_ITERATIONS = 100_000;

    private ZhangTable1() {
    }

    /** The paper's hits at {@code width}, or -1 when the paper has no entry. */
    public static int paperHits(int width) {
        for (int i = 0; i < PAPER_WIDTHS.length; i++) {
            if (PAPER_WIDTHS[i] == width) {
                return PAPER_HITS[i];
            }
        }
        return -1;
    }

    /**
     * The named protocols (all with the paper's 100 000 iterations, checks every 100 steps, tolerance 1e-5, batch
     * 100, PyTorch's initialization with biases):
     * <ul>
     *   <li>{@code plain}: hinge (tau = 1) on {@code sign(f*)}, constant step 0.1, sum over units (the issue's
     *       trial);</li>
     *   <li>{@code authors}: {@code plain} with the authors' stop rule (x0.1 when a mini-batch loss rises, stop at
     *       the 4th rise or a mini-batch loss below 1e-5);</li>
     *   <li>{@code authors-mean}: {@code authors} with the authors' averaged output {@code f / I};</li>
     *   <li>{@code squared}: half squared error on the teacher outputs {@code f*}, constant step 0.01;</li>
     *   <li>{@code squared-small-init}: {@code squared} from an initialization 10 times smaller.</li>
     * </ul>
     */
    public static Map<String, SgdProtocol> protocols() {
        Map<String, SgdProtocol> m = new LinkedHashMap<>();
        SgdProtocol plain = SgdProtocol.paperDefaults();
        m.put("plain", plain);
        m.put("authors", with(plain, Schedule.AUTHORS, OutputScale.SUM));
        m.put("authors-mean", with(plain, Schedule.AUTHORS, OutputScale.MEAN));
        SgdProtocol squared = new SgdProtocol(Loss.SQUARED, 1.0, Labels.TEACHER, 0.01, 100, Init.PYTORCH, 1.0, true,
                OutputScale.SUM, Schedule.CONSTANT, PAPER_ITERATIONS, 100, 1e-5);
        m.put("squared", squared);
        m.put("squared-small-init", new SgdProtocol(Loss.SQUARED, 1.0, Labels.TEACHER, 0.01, 100, Init.PYTORCH, 0.1,
                true, OutputScale.SUM, Schedule.CONSTANT, PAPER_ITERATIONS, 100, 1e-5));
        return m;
    }

    /** The named protocol {@code name}. */
    public static SgdProtocol protocol(String name) {
        SgdProtocol p = protocols().get(name);
        if (p == null) {
            throw new InvalidInputException("--protocol", name, "one of " + String.join(", ", protocols().keySet()));
        }
        return p;
    }

    private static SgdProtocol with(SgdProtocol p, Schedule schedule, OutputScale output) {
        return new SgdProtocol(p.loss(), p.tau(), p.labels(), p.learningRate(), p.batch(), p.init(), p.initScale(),
                p.bias(), output, schedule, p.iterations(), p.checkEvery(), p.tolerance());
    }
}
