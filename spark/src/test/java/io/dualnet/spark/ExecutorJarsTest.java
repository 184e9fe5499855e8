package io.dualnet.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/** What the engine ships to a cluster's executors: DualNet's code and the app's own jars, never Spark's versions. */
class ExecutorJarsTest {

    @TempDir
    Path tmp;

    @Test
    void shipsTheAppsJarsByNameAndPacksClassFolders() throws Exception {
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        Path ejml = Files.writeString(lib.resolve("ejml-core-0.46.1.jar"), "x");
        Path jackson = Files.writeString(lib.resolve("jackson-databind-2.18.2.jar"), "x");  // Spark's version
        Path spark = Files.writeString(lib.resolve("spark-core_2.13-4.0.1.jar"), "x");
        Path classes = Files.createDirectories(tmp.resolve("app").resolve("classes").resolve("io"));
        Files.writeString(classes.resolve("A.class"), "bytes");

        List<Path> shipped = ExecutorJars.select(List.of(ejml, jackson, spark),
                Set.of("ejml-core-0.46.1.jar", "jackson-databind-2.17.2.jar"), Set.of(classes.getParent()));
        assertThat(shipped).hasSize(2).contains(ejml.toAbsolutePath());
        Path packed = shipped.get(0);
        assertThat(packed.getFileName().toString()).startsWith("dualnet-app-").endsWith(".jar");
        try (JarFile jar = new JarFile(packed.toFile())) {
            assertThat(jar.getEntry("io/A.class")).isNotNull();
        }
    }

    @Test
    void readsTheClassPathOfAManifestOnlyJar() throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "a.jar  sub/b.jar file:/opt/c.jar");
        Path booter = tmp.resolve("booter.jar");
        try (OutputStream out = Files.newOutputStream(booter); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        assertThat(ExecutorJars.manifestClassPath(booter)).containsExactly(tmp.resolve("a.jar"),
                tmp.resolve("sub").resolve("b.jar"), Path.of("/opt/c.jar"));
        assertThat(ExecutorJars.manifestClassPath(tmp)).isEmpty();
    }

    @Test
    void theAppsBuildListsItsRuntimeJars() {
        assertThat(ExecutorJars.runtimeJarNames()).anyMatch(n -> n.startsWith("dualnet-core-"))
                .anyMatch(n -> n.startsWith("ejml-ddense-")).anyMatch(n -> n.startsWith("openblas-"))
                .allMatch(n -> n.endsWith(".jar") && !n.contains("/"));
    }

    @Test
    void addsOurJarsToTheConfiguredOnesOnce() {
        String merged = SparkGridEngine.jarsWithOurs("/x/dualnet-app.jar, hdfs:/y.jar",
                List.of(Path.of("/p/dualnet-app.jar"), Path.of("/p/ejml-core.jar")));
        assertThat(merged).isEqualTo("/x/dualnet-app.jar,hdfs:/y.jar,file:///p/ejml-core.jar");
        assertThat(SparkGridEngine.jarsWithOurs(null, List.of(Path.of("/p/a.jar")))).isEqualTo("file:///p/a.jar");
    }
}
