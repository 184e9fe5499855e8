package io.dualnet.cli;

import io.dualnet.closedform.NuclearNormRegression;
import io.dualnet.closedform.TwoLayerLinear;
import io.dualnet.data.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Locale;

/**
 * {@code dualnet linear two-layer}: two-layer linear networks (Ergen, Pilanci, Section 2): with {@code --beta} the
 * regularized problem {@code 1/2||X W - Y||_F^2 + beta ||W||_*} (Section 2.2.1) with its dual certificate; without,
 * the minimum-norm value {@code ||X^+Y||_*} (Theorem 2.4).
 */
@Command(name = "two-layer", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Two-layer linear networks (Ergen, Pilanci, Section 2):",
            "with --beta: min 1/2||X W - Y||_F^2 + beta ||W||_* (equivalent to weight decay on W = W1 W2), certified by its dual;",
            "without: the minimum-norm interpolation value ||X^+Y||_*."})
public final class LinearTwoLayerCommand extends LinearSubcommand {

    @Mixin
    DataInputs data;

    @Option(names = "--beta", description = "Regularization beta > 0 (omit for minimum norm).")
    Double beta;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        DMatrixRMaj[] xy = data.load();
        JsonOutput jo = JsonOutput.object();
        if (beta == null) {
            TwoLayerLinear.MinNormVector r = FlagNames.named(data.flags(),
                    () -> TwoLayerLinear.minNormVector(xy[0], xy[1]));
            jo.put("problem", "ergen-two-layer-min-norm").put("primal", r.value()).put("dual", r.value())
                    .put("gap", 0.0).put("neurons", r.neurons().numCols);
        } else {
            InvalidInputException.requirePositive("--beta", beta);
            NuclearNormRegression.Result r = FlagNames.named(data.flags(),
                    () -> NuclearNormRegression.solve(xy[0], xy[1], beta));
            jo.put("problem", "ergen-two-layer-regularized").put("beta", beta).put("primal", r.primal())
                    .put("dual", r.dual()).put("gap", r.gap()).put("status", r.converged() ? "optimal" : "max_iterations")
                    .put("rank", r.rank()).put("singular_values", r.singularValues())
                    .put("iterations", r.iterations())
                    .put("thresholds", NuclearNormRegression.rankThresholds(xy[0], xy[1]));
        }
        if (json) {
            jo.write(out());
        } else {
            jo.fields().forEach((k, v) -> out().printf(Locale.ROOT, "  %-16s %s%n", k,
                    v instanceof double[] a ? java.util.Arrays.toString(a) : v));
        }
        return 0;
    }
}
