package io.dualnet.cli;

import io.dualnet.closedform.LinearMinNorm;
import io.dualnet.closedform.Staircase;
import io.dualnet.data.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Locale;

/**
 * {@code dualnet linear staircase}: the partial duals {@code D^(l)}, {@code l = 0..L-2}, of the minimum-norm deep
 * linear network (Wang, Ergen, Pilanci, Appendix D, Proposition 9, eq. (78), Figure 3), from one SVD.
 */
@Command(name = "staircase", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The staircase of partial duals D^(l), l = 0..L-2 (Wang, Ergen, Pilanci, Prop. 9, eq. (78)):",
            "D^(l)(t) = t^-(L-2) ||X^+Y||_S(2/(l+2)) and, optimized over t, (L/2) ||X^+Y||_S(2/(l+2))^(2/L);",
            "D^(0) is the dual D, D^(L-2) the primal P."})
public final class LinearStaircaseCommand extends LinearSubcommand {

    @Mixin
    DataInputs data;

    @Option(names = "--depth", defaultValue = "5", paramLabel = "L", description = "Depth L >= 2 (default ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--t", defaultValue = "1", description = "Scale t > 0 of the rescaled values (default ${DEFAULT-VALUE}).")
    double t;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        OptionLimits.depth(depth);
        InvalidInputException.requirePositive("--t", t);
        DMatrixRMaj[] xy = data.load();
        LinearMinNorm m = FlagNames.named(data.flags(), () -> new LinearMinNorm(xy[0], xy[1], depth));
        Staircase s = m.staircase();
        double[] optimized = s.optimizedValues();
        double[] rescaled = s.rescaledValues(t);
        boolean strictlyIncreasing = true;
        for (int l = 1; l < optimized.length; l++) {
            strictlyIncreasing &= optimized[l] > optimized[l - 1];
        }
        if (json) {
            JsonOutput.object().put("depth", depth).put("rank", m.rank()).put("optimized", optimized).put("t", t)
                    .put("rescaled", rescaled).put("strictly_increasing", strictlyIncreasing)
                    .put("primal", m.primal()).put("dual", m.dual()).write(out());
        } else {
            out().printf(Locale.ROOT, "staircase of partial duals, L = %d, rank(X^+Y) = %d%n", depth, m.rank());
            out().printf(Locale.ROOT, "  %3s  %16s  %16s%n", "l", "optimized over t", "at t = " + t);
            for (int l = 0; l < optimized.length; l++) {
                out().printf(Locale.ROOT, "  %3d  %16.8g  %16.8g%n", l, optimized[l], rescaled[l]);
            }
            out().println(strictlyIncreasing ? "  strictly increasing: D = D^(0) < ... < D^(L-2) = P"
                    : "  not strictly increasing (rank <= 1 or L = 2: no gap)");
        }
        return 0;
    }
}
