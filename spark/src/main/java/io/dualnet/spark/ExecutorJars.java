package io.dualnet.spark;

import io.dualnet.data.InvalidInputException;
import io.dualnet.experiment.Grid;
import org.apache.spark.SparkContext;
import scala.jdk.javaapi.CollectionConverters;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The jars a cluster's executors need to run DualNet's cells, which a Spark installation does not have: the DualNet
 * jars (core, app, this module) and the app's own run-time dependencies (EJML, the OpenBLAS natives, ...; their file
 * names are listed by the app's build in {@code io/dualnet/experiment/runtime-jars.txt}), taken from the driver's
 * class path. Jars of another version than the app's (Jackson, commons-io: Spark's versions won on the driver's class
 * path) are left out, so executors use Spark's own, as the driver does.
 *
 * <p>A class-path directory holding DualNet classes (a build's {@code target/classes}) is packed into a temporary
 * jar, since Spark ships jar files only.
 */
final class ExecutorJars {

    /** The resource the app's build writes: its run-time jars as {@code lib/<file>.jar}, comma-separated. */
    static final String RUNTIME_LIST = "/io/dualnet/experiment/runtime-jars.txt";

    /** Directories packed into jars in this JVM, by directory. */
    private static final Map<Path, Path> PACKED = new ConcurrentHashMap<>();

    private ExecutorJars() {
    }

    /** The jars to ship from this JVM's class path ({@code java.class.path}), as local paths. */
    static List<Path> forThisDriver() {
        List<Path> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                classPath.add(Paths.get(entry));
                classPath.addAll(manifestClassPath(Paths.get(entry)));
            }
        }
        return select(classPath, runtimeJarNames(), dualnetLocations());
    }

    /** The {@code Class-Path} of {@code jar}'s manifest (launchers such as Maven Surefire's put the class path
     * there), resolved against the jar's folder; empty for a directory or a jar without one. */
    static List<Path> manifestClassPath(Path jar) {
        if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
            return List.of();
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String value = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (value == null) {
                return List.of();
            }
            List<Path> out = new ArrayList<>();
            for (String item : value.trim().split("\\s+")) {
                if (!item.isEmpty()) {
                    out.add(Paths.get(jar.toAbsolutePath().getParent().toUri().resolve(item)));
                }
            }
            return out;
        } catch (IOException | IllegalArgumentException e) {
            return List.of();  // not a readable jar, or an entry that is not a file URL: nothing to add
        }
    }

    /**
     * The entries of {@code classPath} to ship: those whose file name is in {@code names}, and the DualNet code
     * locations {@code own} (directories packed into jars).
     */
    static List<Path> select(List<Path> classPath, Set<String> names, Set<Path> own) {
        Set<Path> out = new LinkedHashSet<>();
        for (Path location : own) {
            out.add(Files.isDirectory(location) ? PACKED.computeIfAbsent(location, ExecutorJars::packed) : location);
        }
        for (Path entry : classPath) {
            Path name = entry.getFileName();
            if (name != null && names.contains(name.toString()) && Files.isRegularFile(entry)) {
                out.add(entry.toAbsolutePath().normalize());
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * Adds to {@code context} the code locations of {@code types} that it does not ship yet (by file name; a
     * directory is packed into a jar once per JVM), so that executors can load classes defined outside DualNet's
     * jars.
     */
    static synchronized void ship(SparkContext context, Class<?>... types) {
        Set<String> shipped = new HashSet<>();
        for (String jar : CollectionConverters.asJava(context.listJars())) {
            shipped.add(jar.substring(jar.lastIndexOf('/') + 1));
        }
        for (Class<?> type : types) {
            Path location = location(type);
            if (location == null) {
                continue;  // a JDK class, or one without a code source: nothing to ship
            }
            Path jar = Files.isDirectory(location) ? PACKED.computeIfAbsent(location, ExecutorJars::packed) : location;
            if (shipped.add(jar.getFileName().toString())) {
                context.addJar(jar.toUri().toString());
            }
        }
    }

    /** The file names in the app's run-time jar list. */
    static Set<String> runtimeJarNames() {
        try (InputStream in = Grid.class.getResourceAsStream(RUNTIME_LIST)) {
            if (in == null) {
                throw new InvalidInputException("--spark", null, "the app built by Maven (its jar lists its run-time "
                        + "jars in " + RUNTIME_LIST + ", which the cluster's executors need)");
            }
            Set<String> names = new LinkedHashSet<>();
            for (String item : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split(",")) {
                String name = item.trim().replace('\\', '/');
                if (!name.isEmpty()) {
                    names.add(name.substring(name.lastIndexOf('/') + 1));
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the classes of DualNet's core, app and Spark module come from (jars or directories). */
    static Set<Path> dualnetLocations() {
        Set<Path> out = new LinkedHashSet<>();
        for (Class<?> type : List.of(InvalidInputException.class, Grid.class, SparkGridEngine.class)) {
            Path location = location(type);
            if (location == null) {
                throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from");
            }
            out.add(location);
        }
        return out;
    }

    /** The jar or directory {@code type} was loaded from, or null when it has none (JDK classes). */
    static Path location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
            return null;
        }
        try {
            return Paths.get(source.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad code location of " + type.getName(), e);
        }
    }

    /** {@code dir} packed into a temporary jar (deleted when the JVM exits). */
    static Path packed(Path dir) {
        try {
            Path jar = Files.createTempFile("dualnet-" + dir.getParent().getFileName() + "-", ".jar");
            jar.toFile().deleteOnExit();
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                 Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    out.putNextEntry(new JarEntry(dir.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack " + dir + " into a jar for the executors", e);
        }
    }
}
