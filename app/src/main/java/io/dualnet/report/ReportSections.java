package io.dualnet.report;

import io.dualnet.data.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The registry of report sections, in report order. To add a section, append a line
 * {@code new MySection(),} to {@link #all()}.
 */
public final class ReportSections {
    private ReportSections() {
    }

    /** Every registered section, in report order. */
    public static List<ReportSection> all() {
        return List.of(
                new EnvironmentSection(),
                new ZhangA2Section(),
                new Zhang000MultibranchSection(),
                new ZhangLandscapeSection(),
                new ZhangTable1Section(),
                new ZhangVggSection(),
                new Wang002LinearSection(),
                new ReluRankOneSection(),
                new Ergen003LinearSection(),
                new Ergen003DeepReluSection(),
                new Relu2Section()
        );
    }

    /**
     * The sections whose ids are in {@code only} (all when empty), in report order.
     *
     * @throws InvalidInputException naming {@code --only} when an id is unknown
     */
    public static List<ReportSection> select(List<String> only) {
        List<ReportSection> all = all();
        if (only == null || only.isEmpty()) {
            return all;
        }
        List<String> known = all.stream().map(ReportSection::id).toList();
        for (String id : only) {
            if (!known.contains(id)) {
                throw new InvalidInputException("--only", id,
                        "one of " + known.stream().collect(Collectors.joining(", ")));
            }
        }
        List<ReportSection> selected = new ArrayList<>();
        for (ReportSection s : all) {
            if (only.contains(s.id())) {
                selected.add(s);
            }
        }
        return selected;
    }
}
