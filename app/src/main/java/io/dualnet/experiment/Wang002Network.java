package io.dualnet.experiment;

/** The network and objective trained in one cell of the paper-002 linear grid. */
public enum Wang002Network {
    /** Standard network, minimum norm with weight decay, 002 (5): optimum {@code P = (L/2) sum sigma_i^{2/L}}. */
    STANDARD("std", "standard, min 1/2 sum ||W_l||_F^2 (5)"),
    /** Parallel network, minimum norm with the L-th power regularizer, 002 (14): optimum {@code ||X^+Y||_*}. */
    PARALLEL_LTH_POWER("prl-lth", "parallel, min (1/L) sum ||W_lj||_F^L (14)"),
    /** Parallel network, minimum norm with plain weight decay, 002 (12): optimum {@code P} (Prop. 3). */
    PARALLEL_WEIGHT_DECAY("prl-wd", "parallel, min 1/2 sum ||W_lj||_F^2 (12)");

    private final String key;
    private final String label;

    Wang002Network(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** File-name-safe key. */
    public String key() {
        return key;
    }

    /** Label for tables. */
    public String label() {
        return label;
    }

    /** Whether the network is parallel. */
    public boolean parallel() {
        return this != STANDARD;
    }
}
