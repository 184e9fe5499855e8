package io.dualnet.experiment;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A silent progress sink that records the notes it is given. */
final class RecordingSink implements ProgressSink {

    /** The notes, in order. */
    final List<String> notes = new CopyOnWriteArrayList<>();

    @Override
    public ProgressTracker start(String task, long total) {
        return ProgressSink.none().start(task, total);
    }

    @Override
    public void note(String line) {
        notes.add(line);
    }
}
