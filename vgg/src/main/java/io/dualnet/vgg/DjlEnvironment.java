package io.dualnet.vgg;

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
}
