package io.dualnet.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dualnet.data.InvalidInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The finished cells of one grid: a JSON-lines file ({@code cells.jsonl}), one object per finished cell, appended
 * as each cell finishes.
 *
 * <p><b>Line format.</b> {@code key} (the cell's key), {@code seconds} (wall time of the cell), then the cell's
 * parameters (its record components) and the result's fields, all at the top level: e.g.
 * {@code {"key":"w10-s3","seconds":1.2,"width":10,"seed":3,"loss":0.0,"hit":true}}. A cell or result that is not a
 * JSON object or has a field named {@code key}, {@code seconds}, {@code cell} or {@code result} is written whole
 * under {@code cell} (and then the result under {@code result}); so is a result sharing a field name with the cell
 * with a different value. Readers find the result under {@code result} when that field exists, else at the top level.
 *
 * <p><b>Atomicity.</b> Each line is one {@code write} of the complete line (with its newline) to a file opened in
 * append mode, followed by {@code force}: after a crash (even SIGKILL or a power cut after the force) the file holds
 * whole lines, plus at most one torn line at the end, which opening ignores and cuts off. The file is locked while
 * open, so two runs cannot append to the same grid at once. When a key appears twice (a cell recomputed because its
 * saved result no longer parsed), the last line wins.
 */
public final class CellStore implements AutoCloseable {

    /** The file name of a grid's finished cells. */
    public static final String FILE_NAME = "cells.jsonl";

    private static final Set<String> RESERVED = Set.of("key", "seconds", "cell", "result");
    private static final ObjectMapper MAPPER = ResultJson.MAPPER;
    private static final ObjectMapper STRICT = ResultJson.STRICT;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Map<String, ObjectNode> lines;
    private final int ignoredLines;

    private CellStore(Path file, FileChannel channel, FileLock lock, Map<String, ObjectNode> lines, int ignored) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.lines = lines;
        this.ignoredLines = ignored;
    }

    /**
     * Opens (creating it and its folders when absent) the cells file {@code file}, reads its finished cells, and
     * cuts off a torn last line.
     *
     * @throws InvalidInputException when the file cannot be created or written, or another run holds it
     */
    public static CellStore open(Path file) {
        FileChannel channel = null;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new InvalidInputException("--out", file, "a grid file no other run is writing (it is locked)");
            }
            byte[] bytes = Files.readAllBytes(file);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
            if (end < bytes.length) {
                channel.truncate(end);  // a torn last line: the cell was in flight, it is recomputed
                channel.force(true);
            }
            Map<String, ObjectNode> lines = new LinkedHashMap<>();
            int ignored = bytes.length > end ? 1 : 0;
            for (String text : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
                ObjectNode line = parseLine(text);
                if (line == null) {
                    ignored += text.isBlank() ? 0 : 1;
                } else {
                    lines.put(line.get("key").asText(), line);
                }
            }
            return new CellStore(file, channel, lock, lines, ignored);
        } catch (IOException | SecurityException e) {
            closeQuietly(channel);
            throw new InvalidInputException("--out", file, "a writable grid file (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static ObjectNode parseLine(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            return node instanceof ObjectNode o && o.path("key").isTextual() ? o : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** Finished cells read when the store was opened plus those appended since: key to line, in file order. */
    public synchronized Map<String, ObjectNode> lines() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(lines));
    }

    /** Lines that could not be read when opening (a torn last line, or a corrupt line): their cells are rerun. */
    public int ignoredLines() {
        return ignoredLines;
    }

    /**
     * The saved result of the cell {@code key} as a {@code type}, or {@code null} when the cell has no line or its
     * result does not parse as {@code type} (e.g. written by an older version of the result class).
     */
    public synchronized <R> R result(String key, Class<R> type) {
        ObjectNode line = lines.get(key);
        return line == null ? null : readResult(line, type);
    }

    /** The result held by a line (see the class comment), or {@code null} when it does not parse as {@code type}. */
    public static <R> R readResult(JsonNode line, Class<R> type) {
        try {
            JsonNode nested = line.get("result");
            if (nested != null) {
                return nested.isNull() ? null : STRICT.treeToValue(nested, type);
            }
            ObjectNode flat = ((ObjectNode) line).deepCopy();
            flat.remove("key");
            flat.remove("seconds");
            return MAPPER.treeToValue(flat, type);
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            return null;
        }
    }

    /**
     * The line of a finished cell (see the class comment for the layout).
     *
     * @param key the cell's key
     * @param seconds wall time of the cell
     * @param cell the cell (its fields are the cell's parameters)
     * @param result the result
     */
    public static ObjectNode line(String key, double seconds, Object cell, Object result) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("key", key);
        line.put("seconds", seconds);
        JsonNode c;
        try {
            c = MAPPER.valueToTree(cell);
        } catch (IllegalArgumentException e) {
            c = MAPPER.getNodeFactory().textNode(String.valueOf(cell));
        }
        JsonNode r = MAPPER.valueToTree(result);
        boolean flatCell = c instanceof ObjectNode && free(c);
        boolean flatResult = flatCell && r instanceof ObjectNode && free(r) && agrees(c, r);
        if (flatCell) {
            line.setAll((ObjectNode) c);
        } else {
            line.set("cell", c);
        }
        if (flatResult) {
            line.setAll((ObjectNode) r);
        } else {
            line.set("result", r);
        }
        return line;
    }

    private static boolean free(JsonNode object) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            if (RESERVED.contains(names.next())) {
                return false;
            }
        }
        return true;
    }

    private static boolean agrees(JsonNode cell, JsonNode result) {
        for (Iterator<Map.Entry<String, JsonNode>> it = result.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode same = cell.get(e.getKey());
            if (same != null && !same.equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Appends the line of a finished cell: one write of the complete line, then {@code force}, so the line is on
     * disk when this returns.
     *
     * @throws UncheckedIOException when the line cannot be written
     */
    public synchronized void append(String key, double seconds, Object cell, Object result) {
        ObjectNode line = line(key, seconds, cell, result);
        try {
            byte[] bytes = (MAPPER.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
        lines.put(key, line);
    }

    /** Releases the lock and closes the file. */
    @Override
    public synchronized void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            // closing the channel releases the lock too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to do
            }
        }
    }
}
