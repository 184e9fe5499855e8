package io.dualnet.experiment;

import io.dualnet.data.InvalidInputException;


/**
 * One cell of the Appendix A.2 reproduction of Zhang, Shao, Salakhutdinov: the {@code H = 3} instance
 * {@code X = I_n}, {@code Y} i.i.d. {@code N(0,1)} ({@code n x n}), hidden widths {@code (d_min, d_min)}.
 *
 * @param dmin the hidden width {@code d_min >= 1}
 * @param n the instance size (100 in the paper)
 * @param gamma regularization {@code gamma >= 0} (the paper does not state it)
 * @param seed seed of {@code Y} (the same for every cell, so the cells differ only in {@code d_min})
 * @param restarts restarts of the gradient route, {@code >= 1}
 * @param iterations Adam iterations per restart, {@code >= 1}
 */
public record ZhangA2Cell(int dmin, int n, double gamma, long seed, int restarts, int iterations)
        implements GridCell {
    private static final long serialVersionUID = 1L;

    /** Validates every field. */
    public ZhangA2Cell {
        InvalidInputException.requireAtLeast("dmin", dmin, 1);
        InvalidInputException.requireAtLeast("n", n, dmin);
        InvalidInputException.requireNonNegative("gamma", gamma);
        InvalidInputException.requireAtLeast("restarts", restarts, 1);
        InvalidInputException.requireAtLeast("iterations", iterations, 1);
    }

    /** A stable, file-name-safe key. */
    public String key() {
        return String.format(java.util.Locale.ROOT, "dmin%03d-n%d-g%s-s%d-r%d-i%d", dmin, n,
                Double.toString(gamma).replace('.', 'p'), seed, restarts, iterations);
    }
}
