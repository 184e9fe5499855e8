package io.dualnet.report;

import io.dualnet.experiment.ZhangVggOptions;

import java.util.Optional;

/**
 * Zhang, Shao, Salakhutdinov, Appendix A.1 (Figure 5, Table 2): test accuracy of averaged VGG-9 branches against
 * the number of branches. The work is done by the optional {@code vgg} module ({@link ZhangVggModule}); without it
 * the section says so (verdict not checked) instead of failing.
 */
public final class ZhangVggSection implements ReportSection {
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
                            + "command line do not carry it; " + ZhangVggModule.BUILD_HINT + ".")
                    .verdict("A.1 / Figure 5: test accuracy increases with the number of branches",
                            Outcome.NOT_CHECKED, "not run: module not built");
        }
        ZhangVggOptions o = options != null ? options : ZhangVggOptions.defaults(ctx.quick(), ctx.seed(), 1);
        return module.get().render(o, ctx);
    }
}
