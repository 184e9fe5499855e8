package io.dualnet.experiment;

/**
 * One run of Table 1 of Zhang et al.: a student of width {@code width} trained from seed {@code seed} under
 * {@code setup}.
 *
 * @param width hidden units of the student
 * @param seed the run's seed
 * @param setup problem and protocol
 */
public record ZhangTable1Cell(int width, long seed, ZhangTable1Setup setup) implements GridCell {
    private static final long serialVersionUID = 1L;

    /** {@code p<fingerprint>-w<width>-s<seed>}. */
    @Override
    public String key() {
        return "p" + setup.fingerprint() + "-w" + width + "-s" + seed;
    }
}
