package io.dualnet.spark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A genuine Spark standalone cluster on this machine for tests: a Master and a Worker as child JVMs on free
 * localhost ports, from the Spark jars of this JVM's class path, as a Spark installation would run them. The Worker
 * launches executors as further child JVMs from a Spark home folder whose {@code jars/} holds Spark's jars only (not
 * DualNet's nor the app's dependencies: those must travel with the application, as on a real cluster).
 */
final class StandaloneCluster implements AutoCloseable {

    /** How long the Master and the Worker may take to come up. */
    static final long START_SECONDS = 45;

    private final Path home;
    private final int port;
    private final List<Process> processes = new ArrayList<>();

    private StandaloneCluster(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /** Starts a Master and a Worker ({@code cores} cores, {@code memory} such as {@code 1g}) under {@code dir}. */
    static StandaloneCluster start(Path dir, int cores, String memory) throws IOException, InterruptedException {
        Path home = sparkHome(dir.resolve("spark-home"));
        StandaloneCluster cluster = new StandaloneCluster(home, freePort());
        try {
            cluster.launch("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", Integer.toString(cluster.port), "--webui-port", Integer.toString(freePort())),
                    "I have been elected leader");
            cluster.launch("worker", List.of("org.apache.spark.deploy.worker.Worker", cluster.url(), "--host",
                    "127.0.0.1", "--cores", Integer.toString(cores), "--memory", memory, "--webui-port",
                    Integer.toString(freePort()), "--work-dir", dir.resolve("work").toString()),
                    "Successfully registered with master");
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The master URL, {@code spark://127.0.0.1:PORT}. */
    String url() {
        return "spark://127.0.0.1:" + port;
    }

    /** The Worker's and the Master's logs, for failure messages. */
    String logs() throws IOException {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("master", "worker")) {
            Path log = home.resolve(name + ".log");
            if (Files.exists(log)) {
                out.append("--- ").append(name).append('\n').append(Files.readString(log));
            }
        }
        return out.toString();
    }

    /** Stops the Worker (and the executors it started) and the Master, forcibly after a grace period. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            List<ProcessHandle> children = p.descendants().toList();
            p.destroy();
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
        processes.clear();
    }

    private void launch(String name, List<String> mainAndArgs, String readyLine)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(sparkJvmFlags());
        command.addAll(List.of("-cp", home.resolve("jars") + "/*"));
        command.addAll(mainAndArgs);
        Path log = home.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().remove("SPARK_CONF_DIR");
        Process process = builder.start();
        processes.add(process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(readyLine)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the Spark " + name + " exited with " + process.exitValue() + ":\n"
                        + Files.readString(log));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the Spark " + name + " did not start in " + START_SECONDS + " s:\n"
                + Files.readString(log));
    }

    /** The flags Spark needs on Java 17, as this JVM got them from Surefire. */
    static List<String> sparkJvmFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect")
                        || a.startsWith("-Dio.netty") || a.startsWith("-XX:+Ignore"))
                .toList();
    }

    /**
     * A Spark home ({@code RELEASE}, {@code jars/}) whose jars are the Spark jars of this JVM's class path: every jar
     * but DualNet's and the app's own run-time dependencies.
     */
    private static Path sparkHome(Path home) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        Set<String> app = ExecutorJars.runtimeJarNames();
        List<Path> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            classPath.add(Path.of(entry));
            classPath.addAll(ExecutorJars.manifestClassPath(Path.of(entry)));
        }
        for (Path entry : classPath) {
            String name = entry.getFileName().toString();
            if (name.endsWith(".jar") && Files.isRegularFile(entry) && !app.contains(name)
                    && !name.startsWith("dualnet-") && !name.startsWith("surefire")
                    && !Files.exists(jars.resolve(name))) {
                Files.createSymbolicLink(jars.resolve(name), entry.toAbsolutePath());
            }
        }
        // the launcher library finds the jars folder of a distribution by its RELEASE file
        Files.writeString(home.resolve("RELEASE"), "Spark (jars from the test class path)\n");
        return home;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
