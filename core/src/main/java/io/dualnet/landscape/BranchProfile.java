package io.dualnet.landscape;

import io.dualnet.net.BranchArchitecture;

/**
 * What the per-branch global minimization of one branch type produced, once, for every multiplier {@code lambda}
 * and budget: the value function {@code phi(c) = min {g(w) : h(w) <= c}} on the candidate weights (and, for the
 * lattice search, a certified lower bound of the continuous one), the candidates that can touch the convex envelope
 * of {@code g} in weight space (for the paper's {@code f~_i}), and the margins {@code y f(w; x)} that decide
 * Assumption 1.
 *
 * <p>Built by {@link LatticeSearch} (exhaustive, certified) or {@link MultistartSearch} (restarts, not certified).
 * Immutable; arrays are not copied by the package-private constructor and are copied by the getters.
 */
public final class BranchProfile {
    private final BranchArchitecture architecture;
    private final String method;
    private final String resolution;
    private final boolean certified;
    private final ValueFunction upper;
    private final ValueFunction lower;
    private final double gAtZero;
    private final double gMax;
    private final double[][] envelopeWeights;
    private final double[] envelopeValues;
    private final double gridMaxMargin;
    private final double certifiedMaxMargin;
    private final long evaluated;
    private final double seconds;
    private final CandidateSet candidates;

    BranchProfile(BranchArchitecture architecture, String method, String resolution, boolean certified,
            ValueFunction upper, ValueFunction lower, double gAtZero, double gMax, double[][] envelopeWeights,
            double[] envelopeValues, double gridMaxMargin, double certifiedMaxMargin, long evaluated, double seconds,
            CandidateSet candidates) {
        this.architecture = architecture;
        this.method = method;
        this.resolution = resolution;
        this.certified = certified;
        this.upper = upper;
        this.lower = lower;
        this.gAtZero = gAtZero;
        this.gMax = gMax;
        this.envelopeWeights = envelopeWeights;
        this.envelopeValues = envelopeValues;
        this.gridMaxMargin = gridMaxMargin;
        this.certifiedMaxMargin = certifiedMaxMargin;
        this.evaluated = evaluated;
        this.seconds = seconds;
        this.candidates = candidates;
    }

    /** The branch architecture. */
    public BranchArchitecture architecture() {
        return architecture;
    }

    /** Name of the global search, e.g. {@code lattice} or {@code multistart-adam}. */
    public String method() {
        return method;
    }

    /** Human-readable resolution (lattice spacing and size, or restart counts). */
    public String resolution() {
        return resolution;
    }

    /** Whether {@link #lower()} is a certified lower bound of the continuous value function. */
    public boolean certified() {
        return certified;
    }

    /** {@code phi} on the candidate weights: achieved by actual weights, an upper bound of the continuous one. */
    public ValueFunction upper() {
        return upper;
    }

    /** A certified lower bound of the continuous {@code phi} (interval arithmetic on lattice cells), or {@code null}. */
    public ValueFunction lower() {
        return lower;
    }

    /** {@code g(0)}. */
    public double gAtZero() {
        return gAtZero;
    }

    /** The smallest {@code g} over the candidates. */
    public double gMin() {
        return upper.minValue();
    }

    /** The largest {@code g} over the candidates. */
    public double gMax() {
        return gMax;
    }

    /** Candidates that may be vertices of the convex envelope of {@code g} (copies; rows are weight vectors). */
    public double[][] envelopeWeights() {
        double[][] c = new double[envelopeWeights.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = envelopeWeights[i].clone();
        }
        return c;
    }

    /** {@code g} at {@link #envelopeWeights()} (a copy). */
    public double[] envelopeValues() {
        return envelopeValues.clone();
    }

    /** Number of envelope candidates. */
    public int envelopeSize() {
        return envelopeValues.length;
    }

    double[][] envelopeWeightsShared() {
        return envelopeWeights;
    }

    double[] envelopeValuesShared() {
        return envelopeValues;
    }

    /** {@code max y_k f(w; x_k)} over the candidates and samples: Assumption 1 fails for every {@code tau} up to it. */
    public double gridMaxMargin() {
        return gridMaxMargin;
    }

    /**
     * A certified upper bound of {@code y_k f(w; x_k)} over the whole box and every sample (Assumption 1 holds for
     * every {@code tau} above it), or NaN when not computed.
     */
    public double certifiedMaxMargin() {
        return certifiedMaxMargin;
    }

    /** Number of candidate weights evaluated. */
    public long evaluated() {
        return evaluated;
    }

    /** Wall time of the search. */
    public double seconds() {
        return seconds;
    }

    /** Every candidate's budget and outputs (for the non-separable hinge problem), or {@code null} if not kept. */
    public CandidateSet candidates() {
        return candidates;
    }
}
