package io.dualnet.linalg;

import org.bytedeco.javacpp.DoublePointer;

/**
 * Per-thread native buffers through which {@link NativeLinearAlgebra} passes its operands to OpenBLAS.
 *
 * <p>Why. The JavaCPP binding's {@code double[]} overloads hand Java arrays over through JNI array elements: HotSpot
 * allocates native memory for every such argument, copies the array into it and, on return, copies it back and frees
 * it, also for read-only inputs. For the features of a Fashion-MNIST instance (12000 x 784, 75 MB) {@code X^T E} with
 * 32 columns took 208 ms that way against 22 ms on native buffers ({@code FeatureProductBenchmark},
 * docs/benchmarks.md), and the ADMM of the cone program does four such products per iteration. Here every operand
 * is copied once into a buffer that the thread keeps (a plain {@code memcpy}, no allocation), and only outputs are
 * copied back.
 *
 * <p>Buffers up to {@link #KEEP_BYTES} stay allocated for the thread's next call; larger ones (an {@code n x n}
 * factorization at n = 12000 is 1.15 GB) are freed by {@link #release} at the end of the call, so a thread never holds
 * more than {@code SLOTS * KEEP_BYTES} of native memory between calls, unless it is inside a {@link ScratchRetention}
 * ({@link Linalg#retainScratch}): there they are kept until the outermost retention closes. A solver that factors an
 * {@code n x n} matrix many times opens one, because a fresh native buffer costs its first touch of every page: at
 * n = 12000, copying the matrix into a new buffer took 4.0 s and into a used one 0.08 s (in this machine's VM), and
 * each refactorization of the cone ADMM touched two new ones.
 */
final class NativeScratch {
    /** Operand slots per thread (a routine passes at most this many arrays). */
    static final int SLOTS = 4;
    /** Largest buffer kept between calls, in bytes. */
    static final long KEEP_BYTES = 256L << 20;

    private static final ThreadLocal<DoublePointer[]> BUFFERS = ThreadLocal.withInitial(() -> new DoublePointer[SLOTS]);
    /** Open retentions of the thread ({@link #retain}). */
    private static final ThreadLocal<int[]> RETAINED = ThreadLocal.withInitial(() -> new int[1]);

    private NativeScratch() {
    }

    /** The thread's buffer {@code slot} with room for at least {@code count} doubles (contents unspecified). */
    static DoublePointer reserve(int slot, long count) {
        DoublePointer[] buffers = BUFFERS.get();
        DoublePointer buffer = buffers[slot];
        long needed = Math.max(count, 1);
        if (buffer == null || buffer.capacity() < needed) {
            if (buffer != null) {
                buffer.close();
            }
            buffer = new DoublePointer(needed);
            buffers[slot] = buffer;
        }
        buffer.position(0);
        return buffer;
    }

    /** The thread's buffer {@code slot} holding the first {@code count} entries of {@code data}. */
    static DoublePointer load(int slot, double[] data, int count) {
        DoublePointer buffer = reserve(slot, count);
        buffer.put(data, 0, count);
        return buffer;
    }

    /** Copies the first {@code count} entries of buffer {@code slot} into {@code into}. */
    static void store(int slot, double[] into, int count) {
        BUFFERS.get()[slot].position(0).get(into, 0, count);
    }

    /**
     * Frees the thread's buffers larger than {@link #KEEP_BYTES}, unless a retention is open; called at the end of every
     * native routine.
     */
    static void release() {
        if (RETAINED.get()[0] > 0) {
            return;
        }
        DoublePointer[] buffers = BUFFERS.get();
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] != null && buffers[i].capacity() * Double.BYTES > KEEP_BYTES) {
                buffers[i].close();
                buffers[i] = null;
            }
        }
    }

    /** Native bytes the calling thread holds between calls (for tests). */
    static long heldBytes() {
        long bytes = 0;
        for (DoublePointer buffer : BUFFERS.get()) {
            bytes += buffer == null ? 0 : buffer.capacity() * Double.BYTES;
        }
        return bytes;
    }

    /** Opens a retention on the calling thread: large buffers stay until the outermost one ends. */
    static void retain() {
        RETAINED.get()[0]++;
    }

    /** Ends a retention of the calling thread; the outermost frees the large buffers. */
    static void endRetention() {
        int[] open = RETAINED.get();
        if (open[0] > 0) {
            open[0]--;
        }
        release();
    }
}
