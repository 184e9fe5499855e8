package io.dualnet.net;

import io.dualnet.data.ClassificationInstances;
import io.dualnet.data.InvalidInputException;
import io.dualnet.reg.BranchRegularizer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Extreme finite parameters are bad input, not an overflow deep inside the lattice search. */
class MultibranchGapProblemTest {

    private static MultibranchGapProblem problem(double tau, double box) {
        ClassificationInstances d = ClassificationInstances.threshold1d(4);
        return new MultibranchGapProblem(d.x(), d.y(), tau, 1, List.of(BranchArchitecture.parse("b", "1-1-1:tanh")),
                box, BranchRegularizer.named("reg", "l2"));
    }

    @Test
    void extremeBoxAndMarginAreRejectedNamingTheLimit() {
        assertThatThrownBy(() -> problem(4, 1e308)).isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid box = 1.0E308: expected a radius <= 1e+100 (larger weights overflow)");
        assertThatThrownBy(() -> problem(1e-320, 2)).isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid tau = 1.0E-320: expected a margin >= 1e-100 (1/tau overflows below)");
        problem(1e-100, 1e100);
    }
}
