package io.dualnet.report;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of a report run.
 *
 * @param index the written {@code index.html}
 * @param sections number of sections run
 * @param verdicts number of verdicts per outcome (every outcome present, in declaration order)
 * @param failed ids of the sections that threw
 */
public record ReportSummary(Path index, int sections, Map<Outcome, Integer> verdicts, List<String> failed) {

    /** Copies the collections. */
    public ReportSummary {
        Map<Outcome, Integer> copy = new EnumMap<>(Outcome.class);
        copy.putAll(verdicts);
        verdicts = Collections.unmodifiableMap(copy);
        failed = List.copyOf(failed);
    }
}
