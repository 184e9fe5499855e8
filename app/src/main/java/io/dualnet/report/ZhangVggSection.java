package io.dualnet.report;

import io.dualnet.experiment.ZhangVggOptions;

import java.util.Optional;

/**
 * Zhang, Shao, Salakhutdinov, Appendix A.1 (Figure 5, Table 2): test accuracy of averaged VGG-9 branches against
 * the number of branches. The work is done by the optional {@code vgg} module ({@link ZhangVggModule}); without it
 * the section says so (verdict not checked) instead of failing.
 */
public final class ZhangVggSection implements ReportSection {
    /**
     * Where the report's own (small) grid stops: the full grid is a recorded run, cited, never recomputed here.
     */
    static final String FULL_GRID = "The verdicts above are those of this report's own grid. The full Fashion-MNIST "
            + "grid (I = 1, 2, 4, 8, 16, 32, widths 16 and 32, both budgets) is far longer than this report; it is run "
            + "with 'dualnet repro zhang-vgg --branches 1,2,4,8,16,32 --width 16,32 --budget both ...', and a "
            + "recorded run, with its command, durations and verdicts, is in docs/benchmarks.md (section "
            + "'Multi-branch VGG-9'): those numbers are recorded, not recomputed by this report.";

    private final ZhangVggOptions options;

    /** The report's section: the grid of {@link ZhangVggOptions#defaults} (quick or full). */
    public ZhangVggSection() {
        this(null);
    }

    /** A section running the given grid ({@code dualnet repro zhang-vgg} with flags). */
    public ZhangVggSection(ZhangVggOptions options) {
        this.options = options;
    }

    @Override
    public String id() {
        return "zhang-vgg";
    }

    @Override
    public String title() {
        return "Zhang et al., Appendix A.1: accuracy of averaged VGG-9 branches against the number of branches "
                + "(Figure 5, Table 2)";
    }

    @Override
    public SectionResult render(ReportContext ctx) throws Exception {
        Optional<ZhangVggModule> module = ZhangVggModule.find();
        if (module.isEmpty()) {
            return new SectionResult()
                    .text("Not run: module not built. This section trains convolutional networks with DJL's PyTorch "
                            + "engine, which lives in the optional Maven module vgg so that the library and the default "
                            + "command line do not carry it; " + ZhangVggModule.BUILD_HINT
                            + " (./dualnet builds it for report and repro zhang-vgg unless DUALNET_VGG=0 is set or "
                            + "its build failed).")
                    .verdict("A.1 / Figure 5: test accuracy increases with the number of branches",
                            Outcome.NOT_CHECKED, "not run: module not built");
        }
        if (options != null) {
            return module.get().render(options, ctx);
        }
        return module.get().render(ZhangVggOptions.defaults(ctx.quick(), ctx.seed(), 1), ctx).text(FULL_GRID);
    }
}
