package io.dualnet.experiment;

/**
 * How the multi-branch VGG-9 of Zhang et al. (A.1) spends its width as the number of branches I grows.
 */
public enum VggBudget {
    /**
     * Every branch is a VGG-9 of width w, so parameters and compute grow like I. This is what the paper's Figure 5
     * implies ("the width of VGG-9 is either 16 or 32", sub-networks fitted "into GPU memory simultaneously") and
     * what the authors' script builds.
     */
    BRANCH("branch"),
    /**
     * Parameter-matched control: each branch has width {@code max(1, round(w / sqrt(I)))}, so the whole network has
     * about as many parameters as one width-w VGG-9 (parameters grow like I w_b^2).
     */
    TOTAL("total");

    private final String label;

    VggBudget(String label) {
        this.label = label;
    }

    /** Command-line and file name of the budget. */
    public String label() {
        return label;
    }

    /** The branch width used for nominal width {@code width} and {@code branches} branches. */
    public int branchWidth(int width, int branches) {
        return this == BRANCH ? width : Math.max(1, (int) Math.round(width / Math.sqrt(branches)));
    }

    /** The budget named {@code label}, or null. */
    public static VggBudget of(String label) {
        for (VggBudget b : values()) {
            if (b.label.equals(label)) {
                return b;
            }
        }
        return null;
    }
}
