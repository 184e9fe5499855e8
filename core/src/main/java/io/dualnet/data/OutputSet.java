package io.dualnet.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An output directory written all or nothing: the one writer every command that writes files uses.
 *
 * <p>Use it in three steps:
 * <pre>{@code
 * OutputSet out = OutputSet.prepare(dir, "--out", "W1.npy", "certificate.json"); // 1. before the long work
 * ... compute ...
 * try (OutputSet set = out) {
 *     NpyWriter.write(set.file("W1.npy"), w1);                  // 2. write into the staging directory
 *     set.writeString("certificate.json", json);
 *     List<Path> written = set.commit();                          // 3. move the whole set into place
 * }
 * }</pre>
 * <ol>
 * <li>{@link #prepare} checks the location now, so a long run does not fail at its end: {@code dir} must be a
 *     directory or not exist yet, every directory above it that exists must be a writable directory (tested by
 *     creating and deleting a hidden directory there, which also catches read-only file systems and
 *     {@code /proc} for root), and none of the announced file names may be taken by a directory. Every failure is
 *     an {@link InvalidInputException} naming the flag, the path and the reason in words.</li>
 * <li>{@link #file} and {@link #writeString} write into a hidden staging directory beside {@code dir}
 *     ({@code .NAME.staging-*} in its parent), created on first use.</li>
 * <li>{@link #commit} publishes: a new {@code dir} is the staging directory renamed (one atomic step); into an
 *     existing {@code dir} the files are moved one by one, and if one move fails the files already moved are put
 *     back as they were. {@link #close} (without a commit, e.g. after an exception) deletes the staging
 *     directory. Either way nothing is left in or beside {@code dir} but the complete set.</li>
 * </ol>
 */
public final class OutputSet implements AutoCloseable {
    private final Path target;
    private final Path shown;
    private final String parameter;
    private final Set<String> names = new LinkedHashSet<>();
    private Path staging;
    private boolean committed;

    private OutputSet(Path shown, String parameter) {
        this.shown = shown;
        this.target = shown.toAbsolutePath().normalize();
        this.parameter = parameter;
    }

    /**
     * Checks that {@code dir} can receive the files and returns the (empty) set to write.
     *
     * @param dir the output directory (created by {@link #commit} if missing)
     * @param parameter the flag that named it, for messages (e.g. {@code --out})
     * @param names file names that will be written, checked not to be taken by directories (more may be added)
     * @throws InvalidInputException naming {@code parameter} when the location cannot take the files
     */
    public static OutputSet prepare(Path dir, String parameter, String... names) {
        OutputSet set = new OutputSet(dir, parameter);
        set.checkLocation();
        for (String name : names) {
            set.requireFree(name);
        }
        return set;
    }

    /** The output directory, as given. */
    public Path dir() {
        return shown;
    }

    /**
     * The staging path of file {@code name} (a plain file name): write it there, {@link #commit} moves it.
     *
     * @throws InvalidInputException naming the flag when the staging directory cannot be created
     */
    public Path file(String name) {
        if (name.contains("/") || name.contains("\\") || name.isEmpty() || name.startsWith(".")) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        requireFree(name);
        names.add(name);
        return staging().resolve(name);
    }

    /** Writes a UTF-8 text file of the set. */
    public void writeString(String name, String content) {
        AtomicFiles.writeString(file(name), content);
    }

    /**
     * Moves every file written into place, all or nothing.
     *
     * @return the published files, in the order they were first named
     * @throws InvalidInputException naming the flag when publishing failed (nothing was published then)
     */
    public List<Path> commit() {
        if (committed) {
            throw new IllegalStateException("already committed");
        }
        staging();
        List<Path> published = new ArrayList<>();
        for (String name : names) {
            published.add(shown.resolve(name));
        }
        try {
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                move(staging, target);
            } else {
                checkLocation();
                for (String name : names) {
                    requireFree(name);
                }
                publishInto();
            }
            committed = true;
        } catch (IOException | UncheckedIOException e) {
            throw unwritable(e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
        } finally {
            close();
        }
        return published;
    }

    /** Deletes the staging directory (a no-op after a successful {@link #commit}). */
    @Override
    public void close() {
        if (staging != null) {
            deleteTree(staging);
            staging = null;
        }
    }

    private void publishInto() throws IOException {
        Path backup = Files.createDirectory(staging.resolve(".previous"));
        List<String> moved = new ArrayList<>();
        try {
            for (String name : names) {
                Path to = target.resolve(name);
                if (Files.exists(to)) {
                    move(to, backup.resolve(name));
                }
                move(staging.resolve(name), to);
                moved.add(name);
            }
        } catch (IOException | RuntimeException e) {
            for (String name : moved) {
                Files.deleteIfExists(target.resolve(name));
            }
            for (String name : names) {
                if (Files.exists(backup.resolve(name))) {
                    move(backup.resolve(name), target.resolve(name));
                }
            }
            throw e;
        }
    }

    private Path staging() {
        if (staging == null) {
            try {
                staging = Files.createTempDirectory(existingAncestor(target.getParent()),
                        "." + target.getFileName() + ".staging-");
                if (staging.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    // temporary directories are owner-only (0700); the published directory gets the usual 0755
                    Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            } catch (IOException e) {
                throw unwritable(e);
            }
        }
        return staging;
    }

    private void checkLocation() {
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new InvalidInputException(parameter, shown, "a directory (it is an existing file)");
        }
        Path parent = target.getParent();
        if (parent == null) {
            throw new InvalidInputException(parameter, shown, "a directory below the file system root");
        }
        Path ancestor = existingAncestor(parent);
        if (!Files.isDirectory(ancestor)) {
            throw new InvalidInputException(parameter, shown, "a path of directories (" + ancestor
                    + " is a file)");
        }
        probe(ancestor);
        if (Files.isDirectory(target)) {
            probe(target);
        }
    }

    private void requireFree(String name) {
        if (Files.isDirectory(target.resolve(name))) {
            throw new InvalidInputException(parameter, shown, "a directory where " + name + " can be written ("
                    + shown.resolve(name) + " is a directory)");
        }
    }

    /** Creates and deletes a hidden directory in {@code dir}: the only test that root's permissions cannot fool. */
    private void probe(Path dir) {
        try {
            Path probe = Files.createTempDirectory(dir, ".dualnet-probe-");
            Files.delete(probe);
        } catch (IOException | UnsupportedOperationException e) {
            throw new InvalidInputException(parameter, shown, "a writable location (cannot create files in "
                    + dir + ": " + (e instanceof IOException io ? reason(io) : "unsupported") + ")");
        }
    }

    private static Path existingAncestor(Path dir) {
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? dir.getRoot() : p;
    }

    private InvalidInputException unwritable(IOException e) {
        return new InvalidInputException(parameter, shown, "a writable directory (" + reason(e) + ")");
    }

    /** An I/O failure in words, without Java class names. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "input/output error" : m.replaceAll("\\s+", " ").strip();
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: the staging directory is hidden
        }
    }
}
