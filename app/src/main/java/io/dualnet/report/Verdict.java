package io.dualnet.report;

import io.dualnet.data.InvalidInputException;

/**
 * The verdict on one claim of a paper, with the numbers that support it.
 *
 * @param claim the claim, stated as in the paper (e.g. "strong duality holds for L=3")
 * @param outcome whether the measurements support it
 * @param detail the measured numbers and any condition (e.g. "max relative gap 3.1e-9 over 40 seeds")
 */
public record Verdict(String claim, Outcome outcome, String detail) implements SectionItem {

    /** Validates every field. */
    public Verdict {
        if (claim == null || claim.isBlank()) {
            throw new InvalidInputException("claim", claim, "a non-blank claim");
        }
        if (outcome == null) {
            throw new InvalidInputException("outcome", null, "one of HOLDS, FAILS, HOLDS_UNDER_CONDITION, NOT_CHECKED");
        }
        if (detail == null) {
            throw new InvalidInputException("detail", null, "a detail text (may be empty)");
        }
    }
}
