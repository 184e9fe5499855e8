package io.dualnet.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A daemon thread for plain benchmarks: every 100 ms it samples the heap in use and committed and the stack of a
 * watched thread (recording when given methods first appear on it, to split a long call into phases); it also
 * listens to every garbage collection for the heap left after it (the live data). Start it, run the measured call,
 * then {@link #finish()}. Modifies nothing but itself.
 */
final class HeapMonitor extends Thread {
    private static final long SAMPLE_MILLIS = 100;

    private final Thread watched;
    private final String[] frames;
    private final long[] firstSeen;
    private final Set<String> heapPools = new HashSet<>();
    private volatile boolean done;
    private volatile long peakUsed;
    private volatile long peakAfterGc;
    private volatile long peakCommitted;

    /**
     * @param watched the thread whose stack is sampled
     * @param frames fully qualified methods ({@code package.Class.method}) whose first appearance is recorded
     */
    HeapMonitor(Thread watched, String... frames) {
        this.watched = watched;
        this.frames = frames.clone();
        this.firstSeen = new long[frames.length];
        setDaemon(true);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                        .from((CompositeData) notification.getUserData());
                long after = 0;
                for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    after += heapPools.contains(e.getKey()) ? e.getValue().getUsed() : 0;
                }
                peakAfterGc = Math.max(peakAfterGc, after);
            }, null, null);
        }
    }

    @Override
    public void run() {
        while (!done) {
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            peakUsed = Math.max(peakUsed, heap.getUsed());
            peakCommitted = Math.max(peakCommitted, heap.getCommitted());
            for (StackTraceElement e : watched.getStackTrace()) {
                String frame = e.getClassName() + "." + e.getMethodName();
                for (int i = 0; i < frames.length; i++) {
                    if (firstSeen[i] == 0 && frame.equals(frames[i])) {
                        firstSeen[i] = System.nanoTime();
                    }
                }
            }
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops sampling and waits for the thread (after a last sample). */
    void finish() throws InterruptedException {
        done = true;
        join();
    }

    /** Seconds from {@code start} ({@link System#nanoTime()}) until frame {@code i} was first seen, or NaN. */
    double secondsUntilFirst(int i, long start) {
        return firstSeen[i] == 0 ? Double.NaN : (firstSeen[i] - start) * 1e-9;
    }

    /** Largest sampled heap in use (bytes, garbage included). */
    long peakUsed() {
        return peakUsed;
    }

    /** Largest heap in use right after a garbage collection (bytes). */
    long peakAfterGc() {
        return peakAfterGc;
    }

    /** Largest sampled committed heap (bytes). */
    long peakCommitted() {
        return peakCommitted;
    }
}
