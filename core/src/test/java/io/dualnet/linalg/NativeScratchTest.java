package io.dualnet.linalg;

import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The thread's native buffers: contents round-trip, small ones are reused, large ones are freed after the call, or
 * after the outermost {@link ScratchRetention} when one is open.
 */
class NativeScratchTest {

    private static void assumeNative() {
        Assumptions.assumeTrue(Linalg.nativeBackend() != null, "native backend unavailable on this machine");
    }

    @Test
    void aLoadedArrayComesBackUnchanged() {
        assumeNative();
        double[] data = {1.5, -2, 3e-300, Double.MAX_VALUE, 0};
        NativeScratch.load(0, data, data.length);
        double[] back = new double[data.length];
        NativeScratch.store(0, back, data.length);
        assertThat(back).containsExactly(data);
        NativeScratch.release();
    }

    @Test
    void smallBuffersAreReusedAndLargeOnesFreed() {
        assumeNative();
        DoublePointer first = NativeScratch.reserve(1, 1000);
        NativeScratch.release();
        assertThat(NativeScratch.reserve(1, 500)).as("a buffer large enough is reused").isSameAs(first);
        NativeScratch.release();
        long large = NativeScratch.KEEP_BYTES / Double.BYTES + 1;
        assertThat(NativeScratch.reserve(2, large).capacity()).isGreaterThanOrEqualTo(large);
        NativeScratch.release();
        assertThat(NativeScratch.heldBytes()).as("held after a large call (the large buffer is freed)")
                .isLessThan(large * Double.BYTES);
        assertThat(NativeScratch.reserve(1, 10)).as("the small buffer survives the release").isSameAs(first);
        NativeScratch.release();
    }

    @Test
    void insideARetentionALargeBufferIsReusedUntilTheOutermostCloses() {
        assumeNative();
        long large = NativeScratch.KEEP_BYTES / Double.BYTES + 1;
        try (ScratchRetention outer = Linalg.get().retainScratch()) {
            DoublePointer first;
            try (ScratchRetention inner = Linalg.get().retainScratch()) {
                first = NativeScratch.reserve(2, large);
                NativeScratch.release();
                assertThat(NativeScratch.reserve(2, large)).as("kept across calls").isSameAs(first);
                NativeScratch.release();
            }
            assertThat(NativeScratch.heldBytes()).as("an inner scope's end keeps it")
                    .isGreaterThanOrEqualTo(large * Double.BYTES);
            outer.close();
            outer.close(); // a second close does nothing
            assertThat(NativeScratch.heldBytes()).as("freed by the outermost").isLessThan(large * Double.BYTES);
        }
        NativeScratch.reserve(2, large);
        NativeScratch.release();
        assertThat(NativeScratch.heldBytes()).as("outside any scope, freed after the call")
                .isLessThan(large * Double.BYTES);
    }

    @Test
    void aRetentionIsClosedOnItsOwnThread() throws InterruptedException {
        ScratchRetention scope = Linalg.get().retainScratch();
        Throwable[] thrown = new Throwable[1];
        Thread other = new Thread(() -> {
            try {
                scope.close();
            } catch (IllegalStateException e) {
                thrown[0] = e;
            }
        });
        other.start();
        other.join();
        assertThat(thrown[0]).isInstanceOf(IllegalStateException.class).hasMessageContaining("thread");
        scope.close();
    }
}
