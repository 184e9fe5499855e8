package io.dualnet.data;

import org.ejml.data.DMatrixRMaj;

/** The data of the papers' experiments, generated from seeds (no downloads). */
public final class PaperInstances {
    /** Size of the Appendix A.2 instance of Zhang et al. */
    public static final int ZHANG_A2_SIZE = 100;

    private PaperInstances() {
    }

    /**
     * Zhang, Shao, Salakhutdinov, Appendix A.2: {@code X = I_n} and {@code Y} with i.i.d. {@code N(0,1)} entries,
     * both {@code n x n} (the paper uses {@code n = 100}). The transpose convention does not matter here: {@code X}
     * is the identity and the transpose of a Gaussian matrix is Gaussian.
     *
     * @return {@code {X, Y}}
     */
    public static DMatrixRMaj[] zhangA2(int n, long seed) {
        InvalidInputException.requireAtLeast("n", n, 1);
        return new DMatrixRMaj[] {Generators.identity(n), Generators.gaussian(n, n, seed)};
    }

    /** The paper's size, {@code n = 100}. */
    public static DMatrixRMaj[] zhangA2(long seed) {
        return zhangA2(ZHANG_A2_SIZE, seed);
    }
}
