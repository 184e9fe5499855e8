package io.dualnet.teacher;

/**
 * The arithmetic of a lock-step SGD block ({@link LaneBatch}): one mini-batch step and the full-data loss of every
 * lane, on parameters in the {@link LaneShape} layout. Two implementations compute the same IEEE operations in the
 * same order on each lane, so their results are bit for bit equal: {@link VectorLaneKernel} (the JDK's incubating
 * Vector API, one SIMD vector per block of lanes; used when the module {@code jdk.incubator.vector} is in the boot
 * layer, i.e. the JVM was started with {@code --add-modules jdk.incubator.vector}) and {@link ScalarLaneKernel}
 * (plain loops; used otherwise, or when the system property {@code dualnet.vector} is {@code false}).
 *
 * <p>Each lane computes exactly what a run alone would (element-wise operations only, no fused multiply-add, no
 * reduction across lanes): a run's numbers do not depend on its block, its position in it, or the thread.
 */
interface LaneKernel {

    /** Lanes per block ({@code V}). */
    int vectorLength();

    /**
     * One SGD step of every lane of {@code blocks} blocks on the samples {@code perm[lane][pos .. pos + batch)}:
     * {@code par -= rate[lane] * gradient}; leaves each lane's summed batch loss in {@code loss[lane]}.
     */
    void step(double[] par, double[] rate, int blocks, int[][] perm, int pos, double[] loss);

    /** The mean full-data loss of every lane of {@code blocks} blocks, into {@code loss[lane]}. */
    void fullLoss(double[] par, int blocks, double[] loss);

    /**
     * The fastest kernel available in this JVM.
     *
     * @param x inputs, {@code n x d} row-major
     * @param y targets
     */
    static LaneKernel create(LaneShape shape, double[] x, double[] y) {
        if (vectorAvailable()) {
            return new VectorLaneKernel(shape, x, y);
        }
        return new ScalarLaneKernel(shape, x, y, ScalarLaneKernel.DEFAULT_LANES);
    }

    /** Whether {@link VectorLaneKernel} can run here (the module is resolved and not switched off). */
    static boolean vectorAvailable() {
        return !"false".equals(System.getProperty("dualnet.vector"))
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
