package io.dualnet.teacher;

/**
 * The sizes and constants of one lock-step SGD block (see {@link LaneBatch}) and the layout of its parameters:
 * lanes are grouped in blocks of {@code V} (the vector length of the {@link LaneKernel}); the parameters of a block
 * are {@link #rows()} rows of {@code V} doubles, one per lane, at {@code block * rows * V + row * V + lane}. Rows
 * {@code j * d + k} hold the first-layer weight {@code w_jk}, then come the {@code h} biases {@code b_j}
 * ({@link #bRow()}), the {@code h} output weights {@code a_j} ({@link #aRow()}) and the output bias {@code c}
 * ({@link #cRow()}). A block's parameters and gradients (2 x 8 x V x rows bytes: 27 KB at h = 21, V = 8) stay in
 * the L1 cache while its mini-batch is processed.
 *
 * @param n samples
 * @param d input dimension
 * @param h hidden units
 * @param batch mini-batch size
 * @param hinge hinge loss (else the half squared error)
 * @param invTau {@code 1 / tau}
 * @param osc output scale ({@code 1} or {@code 1 / h})
 * @param bias whether {@code b_j} and {@code c} are trained
 */
record LaneShape(int n, int d, int h, int batch, boolean hinge, double invTau, double osc, boolean bias) {

    static LaneShape of(SgdProtocol protocol, int n, int d, int h) {
        return new LaneShape(n, d, h, protocol.batch(), protocol.loss() == SgdProtocol.Loss.HINGE,
                1.0 / protocol.tau(), protocol.outputScale() == SgdProtocol.OutputScale.MEAN ? 1.0 / h : 1.0,
                protocol.bias());
    }

    /** Parameter rows per lane. */
    int rows() {
        return h * d + 2 * h + 1;
    }

    /** First row of the biases {@code b_j}. */
    int bRow() {
        return h * d;
    }

    /** First row of the output weights {@code a_j}. */
    int aRow() {
        return h * d + h;
    }

    /** The row of the output bias {@code c}. */
    int cRow() {
        return h * d + 2 * h;
    }

    /** The factor from a summed batch loss to its gradient's scale: {@code osc / batch}. */
    double scale() {
        return osc / batch;
    }
}
