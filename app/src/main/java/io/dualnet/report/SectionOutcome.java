package io.dualnet.report;

/**
 * A rendered (or failed) section, as written into the report.
 *
 * @param id the section's id
 * @param title the section's title
 * @param result what the section produced (for a failed section: a single {@link Outcome#NOT_CHECKED} verdict)
 * @param error {@code "ExceptionClass: message"} when the section threw, otherwise {@code null}
 * @param seconds wall-clock seconds spent rendering
 */
public record SectionOutcome(String id, String title, SectionResult result, String error, double seconds) {

    /** True when the section threw. */
    public boolean failed() {
        return error != null;
    }
}
