package io.dualnet.solve;

import org.ejml.data.DMatrixRMaj;

/**
 * Accelerated proximal gradient (FISTA, Beck and Teboulle 2009) for {@code min_B f(B) + beta sum_j ||b_j||_2} over
 * {@code d' x K} block matrices (columns {@code b_j}), the shape of every convex ReLU program, with
 *
 * <ul>
 *   <li>the group prox {@code b_j <- (1 - beta/L / ||b_j||)_+ b_j};</li>
 *   <li>backtracking on the descent lemma {@code f(B+) <= f(Y) + <grad f(Y), B+ - Y> + L/2 ||B+ - Y||^2} with
 *       {@code L} doubled on failure and shrunk slightly after every step, so the step follows the local curvature
 *       (the global {@code ||A||^2} is far above it on sparse iterates);</li>
 *   <li>the gradient-based adaptive restart of O'Donoghue and Candes (2015).</li>
 * </ul>
 *
 * <p>The {@link Model} keeps the products of the last two iterates with {@code X}, so that the extrapolated point
 * needs no GEMM of its own: an iteration is one GEMM for the gradient and one per trial point (about 2.1 on average).
 * Mutable, not thread-safe.
 */
final class GroupFista {
    private static final double SHRINK = 0.9;

    /** The smooth part {@code f}, which tracks the products of the iterates. */
    interface Model {
        /** Computes and keeps the products of the starting point. */
        void start(DMatrixRMaj x0);

        /**
         * {@code f(Y)} and its gradient (into {@code gradient}) at {@code Y = X_k + m (X_k - X_{k-1})}, from the kept
         * products of {@code X_k} and {@code X_{k-1}}.
         */
        double gradientAtExtrapolation(double momentum, DMatrixRMaj gradient);

        /** {@code f(trial)}; its products are kept as pending until {@link #accept()}. */
        double trialValue(DMatrixRMaj trial);

        /** The pending trial becomes the new iterate {@code X_{k+1}}. */
        void accept();
    }

    private final Model model;
    private final double beta;
    private DMatrixRMaj x;
    private DMatrixRMaj previous;
    private DMatrixRMaj trial;
    private final DMatrixRMaj y;
    private final DMatrixRMaj gradient;
    private double lipschitz;
    private double t = 1;
    private double momentum;
    private double stepNorm;
    private int backtracks;

    /**
     * @param model the smooth part (its {@link Model#start} is called here)
     * @param start the starting point (copied)
     * @param beta group-lasso weight {@code > 0}
     * @param lipschitz initial estimate of the Lipschitz constant of {@code grad f}, {@code > 0}
     */
    GroupFista(Model model, DMatrixRMaj start, double beta, double lipschitz) {
        this.model = model;
        this.beta = beta;
        this.lipschitz = lipschitz;
        this.x = start.copy();
        this.previous = start.copy();
        this.trial = start.createLike();
        this.y = start.createLike();
        this.gradient = start.createLike();
        model.start(x);
    }

    /**
     * One iteration: gradient at the extrapolated point {@code Y}, prox-gradient trial steps with backtracking
     * (none when {@code unchecked}), restart test, acceptance.
     *
     * @param unchecked accept the first trial (used right after the smooth part changed, e.g. a multiplier update)
     * @return {@code f(Y)}
     */
    double step(boolean unchecked) {
        int size = x.getNumElements();
        double[] xd = x.data;
        double[] pd = previous.data;
        double[] yd = y.data;
        for (int i = 0; i < size; i++) {
            yd[i] = xd[i] + momentum * (xd[i] - pd[i]);
        }
        double fy = model.gradientAtExtrapolation(momentum, gradient);
        double[] gd = gradient.data;
        double[] td = trial.data;
        while (true) {
            double inv = 1 / lipschitz;
            for (int i = 0; i < size; i++) {
                td[i] = yd[i] - inv * gd[i];
            }
            shrink(trial, beta * inv);
            double ft = model.trialValue(trial);
            double linear = 0;
            double norm = 0;
            for (int i = 0; i < size; i++) {
                double dv = td[i] - yd[i];
                linear += gd[i] * dv;
                norm += dv * dv;
            }
            stepNorm = Math.sqrt(norm);
            double bound = fy + linear + 0.5 * lipschitz * norm;
            if (unchecked || ft <= bound + 1e-12 * (Math.abs(fy) + Math.abs(ft)) || !Double.isFinite(lipschitz)) {
                break;
            }
            lipschitz *= 2;
            backtracks++;
        }
        double uphill = 0;
        for (int i = 0; i < size; i++) {
            uphill += (yd[i] - td[i]) * (td[i] - xd[i]);
        }
        model.accept();
        DMatrixRMaj spare = previous;
        previous = x;
        x = trial;
        trial = spare;
        if (uphill > 0) {
            t = 1;
            momentum = 0;
        } else {
            double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            momentum = (t - 1) / tNext;
            t = tNext;
        }
        lipschitz *= SHRINK;
        return fy;
    }

    /** Group soft-thresholding of the columns of {@code b} by {@code threshold}, in place. */
    static void shrink(DMatrixRMaj b, double threshold) {
        int rows = b.numRows;
        int cols = b.numCols;
        double[] norms = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                double v = b.data[r * cols + j];
                norms[j] += v * v;
            }
        }
        for (int j = 0; j < cols; j++) {
            double nrm = Math.sqrt(norms[j]);
            norms[j] = nrm <= threshold ? 0 : 1 - threshold / nrm;
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                b.data[r * cols + j] *= norms[j];
            }
        }
    }

    /** The extrapolated point where the gradient was last evaluated (a view). */
    DMatrixRMaj extrapolated() {
        return y;
    }

    /** The current iterate {@code X_k} (a view: copy it to keep it). */
    DMatrixRMaj iterate() {
        return x;
    }

    /** {@code ||X_k - Y||_F} of the last step. */
    double stepNorm() {
        return stepNorm;
    }

    /** Failed trials so far (extra GEMMs). */
    int backtracks() {
        return backtracks;
    }

    /** The Lipschitz estimate in use. */
    double lipschitz() {
        return lipschitz;
    }

    /** Raises the Lipschitz estimate to at least {@code value} and restarts the momentum. */
    void atLeast(double value) {
        lipschitz = Math.max(lipschitz, value);
        restart();
    }

    /** Drops the momentum: the next gradient is taken at the current iterate. */
    void restart() {
        t = 1;
        momentum = 0;
    }
}
