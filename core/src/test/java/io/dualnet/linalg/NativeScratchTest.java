package io.dualnet.linalg;

import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The thread's native buffers: contents round-trip, small ones are reused, large ones are freed after the call. */
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
}
