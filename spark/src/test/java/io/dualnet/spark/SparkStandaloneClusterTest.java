package io.dualnet.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualnet.experiment.CellOutcome;
import io.dualnet.experiment.Grid;
import io.dualnet.experiment.GridOptions;
import io.dualnet.experiment.GridRun;
import io.dualnet.experiment.GridRunner;
import io.dualnet.experiment.ZhangA2;
import io.dualnet.experiment.ZhangA2Cell;
import io.dualnet.experiment.ZhangA2Result;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grids through a real Spark standalone cluster ({@code spark://}: a Master, a Worker and its executors, each its own
 * JVM, see {@link StandaloneCluster}) give the same results as the local thread pool. The executors start with
 * Spark's jars only, so this checks that the engine ships DualNet's jars, its dependencies (EJML, OpenBLAS natives)
 * and the test's own cell classes to them.
 */
class SparkStandaloneClusterTest {

    @TempDir
    static Path tmp;

    private static StandaloneCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        // the driver (this JVM) listens on localhost only, like the cluster
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        cluster = StandaloneCluster.start(tmp.resolve("cluster"), 2, "1g");
    }

    @AfterAll
    static void stopCluster() {
        SparkSession.getDefaultSession().foreach(s -> {
            s.stop();
            return null;
        });
        System.clearProperty("spark.driver.host");
        System.clearProperty("spark.driver.bindAddress");
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aGridOnTheClusterMatchesTheThreadPool() throws Exception {
        Grid<SparkGridEngineTest.Cell, SparkGridEngineTest.Result> grid = SparkGridEngineTest.grid("toy");
        GridRun<SparkGridEngineTest.Cell, SparkGridEngineTest.Result> local =
                new GridRunner(new GridOptions(tmp.resolve("local"), 2)).run(grid);
        GridRun<SparkGridEngineTest.Cell, SparkGridEngineTest.Result> spark =
                new GridRunner(new GridOptions(tmp.resolve("spark"), 2).withSpark(cluster.url())).run(grid);

        assertThat(SparkSession.getDefaultSession().get().sparkContext().master()).isEqualTo(cluster.url());
        assertThat(spark.computed()).as(cluster.logs()).isEqualTo(local.computed()).isEqualTo(10);
        assertThat(spark.failures()).extracting(CellOutcome::error)
                .containsExactlyElementsOf(local.failures().stream().map(CellOutcome::error).toList());
        for (int i = 0; i < grid.cells().size(); i++) {
            SparkGridEngineTest.Result a = local.outcomes().get(i).result();
            SparkGridEngineTest.Result b = spark.outcomes().get(i).result();
            if (a == null) {
                assertThat(b).isNull();
                continue;
            }
            assertThat(b.loss()).isEqualTo(a.loss());  // bit-identical
            assertThat(b.draws()).isEqualTo(a.draws());
            assertThat(b.hit()).isEqualTo(a.hit());
        }
        // the cells file written by the driver resumes on the thread pool
        GridRun<SparkGridEngineTest.Cell, SparkGridEngineTest.Result> resumed =
                new GridRunner(new GridOptions(tmp.resolve("spark"), 2)).run(grid);
        assertThat(resumed.resumed()).isEqualTo(10);
    }

    @Test
    void certificatesComputedByExecutorsMatchTheThreadPool() {
        // a real experiment: EJML and the core solvers on the executors
        List<ZhangA2Cell> cells = ZhangA2.cells(new int[] {1, 2, 3}, 6, 0.1, 7, 2, 40);
        Grid<ZhangA2Cell, ZhangA2Result> grid = ZhangA2.grid(cells);
        List<ZhangA2Result> local = new GridRunner(new GridOptions(tmp.resolve("a2-local"), 2)).run(grid).results();
        GridRun<ZhangA2Cell, ZhangA2Result> run =
                new GridRunner(new GridOptions(tmp.resolve("a2-spark"), 2).withSpark(cluster.url())).run(grid);
        assertThat(run.failures()).isEmpty();
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < cells.size(); i++) {
            assertThat(SparkGridEngineTest.withoutSeconds(mapper.valueToTree(run.results().get(i))))
                    .isEqualTo(SparkGridEngineTest.withoutSeconds(mapper.valueToTree(local.get(i))));
        }
    }
}
