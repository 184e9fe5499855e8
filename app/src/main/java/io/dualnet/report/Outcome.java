package io.dualnet.report;

/** The outcome of checking one claim of a paper. */
public enum Outcome {
    /** The measurements agree with the claim. */
    HOLDS("holds"),
    /** The measurements contradict the claim. */
    FAILS("fails"),
    /** The claim holds only under a condition stated in the verdict's detail. */
    HOLDS_UNDER_CONDITION("holds under condition"),
    /** The claim was not checked (e.g. its section failed or was skipped). */
    NOT_CHECKED("not checked");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /** Human-readable label, as shown on the report's badges. */
    public String label() {
        return label;
    }

    /** CSS class of the badge. */
    String cssClass() {
        return "badge-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
