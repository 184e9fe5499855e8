package io.dualnet.cli;

import io.dualnet.closedform.WhitenedWeightDecay;
import io.dualnet.data.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Locale;

/**
 * {@code dualnet linear weight-decay}: the exact optimum of {@code 1/2||X W_1..W_L - Y||_F^2 + (beta/2) sum ||W_l||_F^2}
 * for whitened {@code X} (orthonormal columns), one 1-D non-convex problem per singular value of {@code X^T Y}
 * (Wang, Ergen, Pilanci, Appendix B).
 */
@Command(name = "weight-decay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Exact optimum of a depth-L linear network with weight decay on whitened data (X^T X = I)",
            "(Wang, Ergen, Pilanci, Appendix B): min_s 1/2 (s - sigma_i)^2 + (beta L/2) s^(2/L) per singular value."})
public final class LinearWeightDecayCommand extends LinearSubcommand {

    @Mixin
    DataInputs data;

    @Option(names = "--depth", defaultValue = "3", paramLabel = "L", description = "Depth L >= 2 (default ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--beta", required = true, description = "Weight decay beta > 0.")
    double beta;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        OptionLimits.depth(depth);
        InvalidInputException.requirePositive("--beta", beta);
        DMatrixRMaj[] xy = data.load();
        WhitenedWeightDecay w = FlagNames.named(data.flags(), () -> WhitenedWeightDecay.solve(xy[0], xy[1], depth, beta));
        JsonOutput jo = JsonOutput.object().put("problem", "wang-whitened-weight-decay").put("depth", depth)
                .put("beta", beta).put("objective", w.objective()).put("rank", w.rank())
                .put("singular_values", w.optimalSingularValues()).put("target_singular_values", w.targetSingularValues());
        if (json) {
            jo.write(out());
        } else {
            jo.fields().forEach((k, v) -> out().printf(Locale.ROOT, "  %-24s %s%n", k,
                    v instanceof double[] a ? java.util.Arrays.toString(a) : v));
        }
        return 0;
    }
}
