package io.dualnet.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualnet.data.InvalidInputException;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Pattern;

/**
 * Runs the cells of a {@link GridExperiment} on a {@link GridEngine} (the local thread pool by default, Apache Spark
 * with {@link GridOptions#spark()}), saving each finished cell at once and resuming from earlier runs.
 *
 * <p>Each finished cell is appended as one JSON line to {@code <dir>/<experiment-id>/cells.jsonl} (or
 * {@code <dir>/cells.jsonl} with {@link GridOptions#direct()}; format in {@link CellStore}) in this process as soon
 * as the engine hands it back, so a run killed even with SIGKILL loses at most the cells in flight. On a rerun,
 * cells whose key has a readable line are not recomputed, and the progress sink is told how many were skipped. Result
 * files of the earlier layout ({@code <dir>/<experiment-id>/<key>.json}) are read too and copied into the cells file.
 * A failing cell is recorded (key and error, not saved) and does not stop the others; it is retried on the next run.
 * Results come back in cell order whatever the completion order.
 */
public final class GridRunner {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final ObjectMapper LEGACY = ResultJson.STRICT;

    private final GridOptions options;
    private final ProgressSink progress;

    /** A runner that shows no progress. */
    public GridRunner(GridOptions options) {
        this(options, ProgressSink.none());
    }

    /** A runner reporting one step per cell to {@code progress}. */
    public GridRunner(GridOptions options, ProgressSink progress) {
        if (options == null) {
            throw new InvalidInputException("options", null, "grid options");
        }
        if (progress == null) {
            throw new InvalidInputException("progress", null, "a progress sink (ProgressSink.none() for none)");
        }
        this.options = options;
        this.progress = progress;
    }

    /** The options. */
    public GridOptions options() {
        return options;
    }

    /** The file holding the finished cells of the grid {@code experimentId}. */
    public Path cellsFile(String experimentId) {
        Path folder = options.direct() ? options.dir() : options.dir().resolve(experimentId);
        return folder.resolve(CellStore.FILE_NAME);
    }

    /** The per-cell result file of the earlier layout (read when resuming, no longer written). */
    public Path resultFile(String experimentId, String key) {
        return options.dir().resolve(experimentId).resolve(key + ".json");
    }

    /**
     * Runs (or resumes) every cell of {@code experiment}.
     *
     * @return one outcome per cell, in cell order
     * @throws InvalidInputException when the experiment id or a key is not filename-safe, keys are not unique, the
     *                               cells file cannot be written, or the engine asked for is not installed
     * @throws CancellationException when the calling thread is interrupted (finished cells stay saved)
     */
    public <C extends Serializable, R> GridRun<C, R> run(GridExperiment<C, R> experiment) {
        String id = requireSafe("experiment id", experiment.id());
        List<C> cells = List.copyOf(experiment.cells());
        List<String> keys = keys(experiment, cells);
        Class<R> type = experiment.resultType();

        try (CellStore store = CellStore.open(cellsFile(id))) {
            AtomicReferenceArray<CellOutcome<C, R>> outcomes = new AtomicReferenceArray<>(cells.size());
            List<Integer> pending = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                R saved = resume(store, id, cells.get(i), keys.get(i), type);
                if (saved == null) {
                    pending.add(i);
                } else {
                    outcomes.set(i, new CellOutcome<>(cells.get(i), keys.get(i), saved, null, true, 0));
                }
            }
            int skipped = cells.size() - pending.size();
            if (skipped > 0) {
                progress.note("grid " + id + ": skipped " + skipped + " of " + cells.size()
                        + " cells finished earlier (" + store.file() + ")");
            }
            try (ProgressTracker tracker = progress.start(id, cells.size())) {
                for (int i = 0; i < skipped; i++) {
                    tracker.step();
                }
                if (!pending.isEmpty()) {
                    GridEngine engine = GridEngines.forOptions(options);
                    List<C> todo = pending.stream().map(cells::get).toList();
                    List<String> todoKeys = pending.stream().map(keys::get).toList();
                    engine.compute(experiment, todo, todoKeys, (j, outcome) -> {
                        if (outcome.ok()) {
                            store.append(outcome.key(), outcome.seconds(), outcome.cell(), outcome.result());
                        }
                        outcomes.set(pending.get(j), outcome);
                        tracker.step();
                    });
                }
            }
            List<CellOutcome<C, R>> list = new ArrayList<>(cells.size());
            for (int i = 0; i < cells.size(); i++) {
                CellOutcome<C, R> outcome = outcomes.get(i);
                list.add(outcome != null ? outcome
                        : CellOutcome.failed(cells.get(i), keys.get(i), "the engine returned no result", 0));
            }
            return new GridRun<>(id, list);
        }
    }

    /** The cell's saved result: from the cells file, else from an earlier layout's file (copied into the store). */
    private <R> R resume(CellStore store, String id, Object cell, String key, Class<R> type) {
        R saved = store.result(key, type);
        if (saved != null) {
            return saved;
        }
        Path legacy = resultFile(id, key);
        if (options.direct() || !Files.isRegularFile(legacy)) {
            return null;
        }
        try {
            JsonNode node = LEGACY.readTree(legacy.toFile());
            JsonNode result = node.get("result");
            if (result == null || result.isNull()) {
                return null;
            }
            R value = LEGACY.treeToValue(result, type);
            store.append(key, node.path("seconds").asDouble(0), cell, value);
            return value;
        } catch (IOException e) {
            // an unreadable result (e.g. written by an older result class) is recomputed
            return null;
        }
    }

    private static <C extends Serializable> List<String> keys(GridExperiment<C, ?> experiment, List<C> cells) {
        List<String> keys = new ArrayList<>(cells.size());
        Set<String> seen = new HashSet<>();
        for (C cell : cells) {
            String key = requireSafe("cell key", experiment.key(cell));
            if (!seen.add(key)) {
                throw new InvalidInputException("cell key", key, "keys unique within the grid");
            }
            keys.add(key);
        }
        return keys;
    }

    private static String requireSafe(String what, String name) {
        if (name == null || !SAFE_NAME.matcher(name).matches() || name.length() > 200) {
            throw new InvalidInputException(what, name,
                    "a non-empty filename-safe name ([A-Za-z0-9._-], not starting with '.', at most 200 chars)");
        }
        return name;
    }
}
