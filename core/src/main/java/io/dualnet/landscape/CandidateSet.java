package io.dualnet.landscape;

/**
 * All candidate weights of a branch search with their budgets and outputs on every sample, for computations that do
 * not separate into per-branch value functions (the tau-hinge problem when Assumption 1 fails).
 *
 * @param units budget of each candidate in units of the profile's value function
 * @param values {@code g} of each candidate
 * @param outputs {@code f(w_j; x_k)} at index {@code j * samples + k}
 * @param samples number of samples {@code n}
 */
public record CandidateSet(long[] units, double[] values, double[] outputs, int samples) {

    /** Number of candidates. */
    public int size() {
        return units.length;
    }

    /** {@code f(w_j; x_k)}. */
    public double output(int j, int k) {
        return outputs[j * samples + k];
    }
}
