package io.dualnet.vgg;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.NativeLibrary;

import java.nio.file.Path;

/**
 * Settings DJL reads once, when its engine loads: offline mode (the PyTorch natives are extracted from the
 * {@code pytorch-native-cpu} jar on the class path into DJL's cache, never downloaded), usage tracking off, and the
 * engine's intra-/inter-op thread counts. Values already given on the command line ({@code -D...}) are kept.
 */
public final class DjlEnvironment {
    /** DJL's offline switch. */
    public static final String OFFLINE = "ai.djl.offline";
    /** DJL's usage-tracking opt-out (also an environment variable). */
    public static final String OPT_OUT_TRACKING = "OPT_OUT_TRACKING";
    /** Intra-op threads of the PyTorch engine. */
    public static final String THREADS = "ai.djl.pytorch.num_threads";
    /** Inter-op threads of the PyTorch engine. */
    public static final String INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";
    /** DJL's name of the PyTorch engine. */
    public static final String ENGINE = "PyTorch";
    /** libc10's switch (a C++ {@code bool}, off by default) that zero-fills every CPU tensor allocation. */
    static final String ZERO_FILL_FLAG = "FLAGS_caffe2_cpu_allocator_do_zero_fill";

    private static boolean zeroFilled;

    private DjlEnvironment() {
    }

    /** Sets offline mode, tracking off and {@code threads} intra-op threads, unless already set. */
    public static synchronized void configure(int threads) {
        System.setProperty(OFFLINE, "true");
        System.setProperty(OPT_OUT_TRACKING, "true");
        if (System.getProperty(THREADS) == null) {
            System.setProperty(THREADS, Integer.toString(threads));
        }
        if (System.getProperty(INTEROP_THREADS) == null) {
            System.setProperty(INTEROP_THREADS, "1");
        }
    }

    /**
     * The PyTorch engine, loaded, with its CPU allocations zero-filled ({@link #ZERO_FILL_FLAG} set once, through
     * JNA, in the libc10 the engine loaded).
     *
     * <p>Why: the oneDNN convolution of libtorch 2.7.1 lays channels out in blocks of 16 (AVX-512; 8 with AVX2) and
     * pads a channel count that is not a multiple of the block (the 2w, 4w channels of the small test networks). Its
     * backward pass with respect to the input reads padding that nothing wrote, taken from a fresh c10 allocation,
     * and multiplies it by zero: exact unless the stale bytes happen to form a NaN or infinity, and then one input
     * channel's gradient, and every layer below it, is NaN. That depends only on what the memory held before, so it
     * varied from run to run (1 to 5 % of the backward passes of the width-2 test network, or of a lone 8-channel
     * convolution, on an AVX-512 machine; 16 and 32 channels never). With libc10's junk fill every such backward
     * pass is NaN, with zero fill none is, and the gradients are bit for bit those of the runs that were not hit.
     */
    public static synchronized Engine pytorch() {
        Engine engine = Engine.getEngine(ENGINE);
        if (!zeroFilled) {
            NativeLibrary c10 = NativeLibrary.getInstance(
                    Path.of(LibUtils.getLibtorchPath(), "libc10.so").toString());
            c10.getGlobalVariableAddress(ZERO_FILL_FLAG).setByte(0, (byte) 1);
            zeroFilled = true;
        }
        return engine;
    }
}
