package io.dualnet.spark;

import io.dualnet.data.InvalidInputException;
import io.dualnet.experiment.CellFunction;
import io.dualnet.experiment.CellOutcome;
import io.dualnet.experiment.GridEngine;
import io.dualnet.experiment.GridExperiment;
import io.dualnet.experiment.ResultJson;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import scala.Tuple3;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Computes grid cells on Apache Spark: one partition per cell, each computed on an executor by the experiment's
 * serializable {@link GridExperiment#cellFunction()} through {@link CellOutcome#compute} (the same code path as the
 * local engine), its result shipped back as JSON text.
 *
 * <p>The driver submits one small job per cell from {@code spark.default.parallelism} threads (Spark runs concurrent
 * jobs of one application side by side), so cells come back one by one as they finish and the runner appends each to
 * {@code cells.jsonl} on the driver at once: a driver killed with SIGKILL loses at most the cells running at that
 * moment (at most the default parallelism). A task that fails for a reason outside the cell (an executor lost more
 * than {@code spark.task.maxFailures} times) reports the cell as failed; the next run retries it.
 *
 * <p>The Spark session is created once per JVM ({@code getOrCreate}) and stopped by Spark's shutdown hook.
 */
public final class SparkGridEngine implements GridEngine {

    /** The {@code --spark} value meaning "the master that spark-submit was given". */
    public static final String SUBMIT = "submit";

    private final String master;

    /** An engine on {@code master} (a Spark master URL, or {@link #SUBMIT}). */
    public SparkGridEngine(String master) {
        this.master = master;
    }

    @Override
    public String name() {
        return "spark " + master;
    }

    /** The application's Spark session (created on first use). */
    public SparkSession session() {
        SparkSession.Builder builder = SparkSession.builder().appName("dualnet")
                .config("spark.ui.showConsoleProgress", "false");
        String effective = master;
        if (SUBMIT.equals(master)) {
            effective = System.getProperty("spark.master");
            if (effective == null) {
                throw new InvalidInputException("--spark", master,
                        "'submit' only under spark-submit (which sets spark.master); otherwise a master URL");
            }
        } else {
            builder.master(master);
            if (master.startsWith("local")) {
                builder.config("spark.ui.enabled", "false")
                        .config("spark.driver.host", "127.0.0.1")
                        .config("spark.driver.bindAddress", "127.0.0.1");
            }
        }
        if (!effective.startsWith("local")) {
            // a cluster's executors have Spark but not DualNet: ship the jars they need (added to any --jars)
            builder.config("spark.jars", jarsWithOurs(System.getProperty("spark.jars"), ExecutorJars.forThisDriver()));
        }
        // one Spark context per JVM: an engine on another master than the running context's replaces it
        scala.Option<SparkSession> running = SparkSession.getDefaultSession();
        if (running.isDefined() && !running.get().sparkContext().isStopped()
                && !running.get().sparkContext().master().equals(effective)) {
            running.get().stop();
        }
        return builder.getOrCreate();
    }

    /** True when the session's master is not {@code local...}: executors are other JVMs that need our jars. */
    private static boolean onCluster(SparkSession session) {
        return !session.sparkContext().master().startsWith("local");
    }

    /** {@code configured} (a comma-separated {@code spark.jars}, or null) followed by the jars of {@code ours} whose
     * file names it does not have yet. */
    static String jarsWithOurs(String configured, List<Path> ours) {
        List<String> jars = new ArrayList<>();
        Set<String> names = new HashSet<>();
        if (configured != null) {
            for (String jar : configured.split(",")) {
                if (!jar.isBlank()) {
                    jars.add(jar.trim());
                    names.add(jar.trim().substring(jar.trim().lastIndexOf('/') + 1));
                }
            }
        }
        for (Path jar : ours) {
            if (names.add(jar.getFileName().toString())) {
                jars.add(jar.toUri().toString());
            }
        }
        return String.join(",", jars);
    }

    @Override
    public <C extends Serializable, R> void compute(GridExperiment<C, R> experiment, List<C> cells,
                                                    List<String> keys, Listener<C, R> listener) {
        if (cells.isEmpty()) {
            return;
        }
        SparkSession session = session();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(session.sparkContext());
        CellFunction<C, R> function = experiment.cellFunction();
        Class<R> type = experiment.resultType();
        if (onCluster(session)) {
            // an experiment defined outside DualNet's jars (a user's jar, a test's classes) travels too
            ExecutorJars.ship(session.sparkContext(), cells.get(0).getClass(), type, function.getClass());
        }
        List<Tuple3<Integer, C, String>> tasks = new ArrayList<>(cells.size());
        for (int i = 0; i < cells.size(); i++) {
            tasks.add(new Tuple3<>(i, cells.get(i), keys.get(i)));
        }
        JavaRDD<SparkCell> computed = context.parallelize(tasks, tasks.size())
                .map(t -> SparkCell.compute(t._1(), t._2(), t._3(), function));

        String group = "dualnet-" + experiment.id() + "-" + UUID.randomUUID();
        int threads = Math.max(1, Math.min(context.defaultParallelism(), cells.size()));
        AtomicInteger next = new AtomicInteger();
        ExecutorService drivers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dualnet-spark-driver-" + experiment.id());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(threads);
            for (int k = 0; k < threads; k++) {
                futures.add(drivers.submit(() -> {
                    context.setJobGroup(group, "dualnet grid " + experiment.id(), true);
                    for (int p = next.getAndIncrement(); p < cells.size(); p = next.getAndIncrement()) {
                        listener.finished(p, collect(computed, p, cells.get(p), keys.get(p), type));
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            context.cancelJobGroup(group);
            Thread.currentThread().interrupt();
            throw new CancellationException("grid run interrupted; finished cells are saved and will be resumed");
        } catch (ExecutionException e) {
            context.cancelJobGroup(group);
            throw GridEngine.workerFailure(e);
        } finally {
            drivers.shutdownNow();
        }
    }

    /** Runs the job of partition {@code p} (one cell) and turns what comes back into an outcome. */
    private static <C extends Serializable, R> CellOutcome<C, R> collect(JavaRDD<SparkCell> computed, int p, C cell,
                                                                        String key, Class<R> type) {
        SparkCell done;
        try {
            List<SparkCell>[] parts = computed.collectPartitions(new int[] {p});
            done = parts[0].get(0);
        } catch (RuntimeException e) {
            return CellOutcome.failed(cell, key, CellOutcome.describe(e), 0);
        }
        if (done.error() != null) {
            return CellOutcome.failed(cell, key, done.error(), done.seconds());
        }
        try {
            return new CellOutcome<>(cell, key, ResultJson.read(done.resultJson(), type), null, false,
                    done.seconds());
        } catch (IllegalArgumentException e) {
            return CellOutcome.failed(cell, key, CellOutcome.describe(e), done.seconds());
        }
    }
}
