package io.dualnet.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dualnet.data.AtomicFiles;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Runs the cells of a {@link GridExperiment} on a local fixed thread pool.
 *
 * <p>Each finished cell's result is written atomically to {@code <dir>/<experiment-id>/<key>.json} as soon as the
 * cell finishes, so an interrupted run loses at most the cells in flight. On a re-run, cells whose result file
 * exists are read back instead of recomputed. A failing cell is recorded (key and error) and does not stop the
 * others. Results come back in cell order whatever the completion order.
 *
 * <p>Cells are computed only through {@link GridExperiment#cellFunction()}, a serializable pure function, so the
 * same experiment could be distributed (e.g. with Apache Spark) without changes to the experiment code.
 */
public final class GridRunner {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final GridOptions options;
    private final ProgressSink progress;
    private final ObjectMapper mapper;

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
        this.mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** The file holding the result of the cell with key {@code key}. */
    public Path resultFile(String experimentId, String key) {
        return options.dir().resolve(experimentId).resolve(key + ".json");
    }

    /**
     * Runs (or resumes) every cell of {@code experiment}.
     *
     * @return one outcome per cell, in cell order
     * @throws InvalidInputException when the experiment id or a key is not filename-safe, or keys are not unique
     * @throws CancellationException when the calling thread is interrupted (finished cells stay saved)
     */
    public <C extends Serializable, R> GridRun<C, R> run(GridExperiment<C, R> experiment) {
        String id = requireSafe("experiment id", experiment.id());
        List<C> cells = List.copyOf(experiment.cells());
        List<String> keys = keys(experiment, cells);
        CellFunction<C, R> function = experiment.cellFunction();
        Class<R> type = experiment.resultType();

        List<CellOutcome<C, R>> outcomes = new ArrayList<>(cells.size());
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            R saved = readSaved(resultFile(id, keys.get(i)), type);
            outcomes.add(saved == null ? null : new CellOutcome<>(cells.get(i), keys.get(i), saved, null, true, 0));
            if (saved == null) {
                pending.add(i);
            }
        }

        try (ProgressTracker tracker = progress.start(id, cells.size())) {
            for (int i = 0; i < cells.size() - pending.size(); i++) {
                tracker.step();
            }
            if (!pending.isEmpty()) {
                computePending(id, cells, keys, function, pending, outcomes, tracker);
            }
        }
        return new GridRun<>(id, outcomes);
    }

    private <C extends Serializable, R> void computePending(String id, List<C> cells, List<String> keys,
                                                            CellFunction<C, R> function, List<Integer> pending,
                                                            List<CellOutcome<C, R>> outcomes,
                                                            ProgressTracker tracker) {
        int threads = Math.min(options.threads(), pending.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, threadFactory(id));
        try {
            List<Future<CellOutcome<C, R>>> futures = new ArrayList<>(pending.size());
            for (int i : pending) {
                C cell = cells.get(i);
                String key = keys.get(i);
                futures.add(pool.submit(() -> {
                    CellOutcome<C, R> outcome = compute(id, cell, key, function);
                    tracker.step();
                    return outcome;
                }));
            }
            for (int j = 0; j < pending.size(); j++) {
                outcomes.set(pending.get(j), await(futures.get(j)));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private <C extends Serializable, R> CellOutcome<C, R> compute(String id, C cell, String key,
                                                                  CellFunction<C, R> function) {
        long start = System.nanoTime();
        try {
            R result = function.apply(cell);
            double seconds = (System.nanoTime() - start) / 1e9;
            ObjectNode node = mapper.createObjectNode();
            node.put("experiment", id);
            node.put("key", key);
            node.put("seconds", seconds);
            node.set("result", mapper.valueToTree(result));
            byte[] bytes = mapper.writeValueAsBytes(node);
            AtomicFiles.write(resultFile(id, key), out -> out.write(bytes));
            return new CellOutcome<>(cell, key, result, null, false, seconds);
        } catch (Exception | AssertionError | StackOverflowError e) {
            double seconds = (System.nanoTime() - start) / 1e9;
            return new CellOutcome<>(cell, key, null, describe(e), false, seconds);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("grid run interrupted; finished cells are saved and will be resumed");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("grid worker failed: " + describe(cause), cause);
        }
    }

    private <R> R readSaved(Path file, Class<R> type) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode result = mapper.readTree(file.toFile()).get("result");
            return result == null || result.isNull() ? null : mapper.treeToValue(result, type);
        } catch (IOException e) {
            // an unreadable result (e.g. written by an older result class) is recomputed and overwritten
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

    private static String describe(Throwable e) {
        String message = e.getMessage();
        String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.replace('\n', ' ').replace('\r', ' ');
    }

    private static ThreadFactory threadFactory(String id) {
        int pool = POOL_NUMBER.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "dualnet-grid-" + pool + "-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
