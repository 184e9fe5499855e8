package io.dualnet.experiment;

import io.dualnet.data.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZhangVggOptionsTest {
    @Test
    void budgetsGiveTheBranchWidth() {
        assertThat(VggBudget.BRANCH.branchWidth(16, 32)).isEqualTo(16);
        assertThat(VggBudget.TOTAL.branchWidth(16, 1)).isEqualTo(16);
        assertThat(VggBudget.TOTAL.branchWidth(16, 4)).isEqualTo(8);
        assertThat(VggBudget.TOTAL.branchWidth(16, 32)).isEqualTo(3);
        assertThat(VggBudget.TOTAL.branchWidth(2, 1000)).isEqualTo(1);
        assertThat(VggBudget.of("total")).isEqualTo(VggBudget.TOTAL);
        assertThat(VggBudget.of("x")).isNull();
    }

    @Test
    void validatesEveryFieldNamingTheFlag() {
        ZhangVggOptions ok = ZhangVggOptions.defaults(true, 1, 1);
        assertThat(ok.dataset()).isEqualTo("Fashion-MNIST");
        assertThatThrownBy(() -> new ZhangVggOptions(List.of(0), ok.widths(), ok.budgets(), 1, 10, 10, 5, 0.1, 0.9,
                0, ok.milestones(), 0.1, true, null, 1, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--branches");
        assertThatThrownBy(() -> new ZhangVggOptions(ok.branches(), ok.widths(), ok.budgets(), 1, 10, 10, 11, 0.1,
                0.9, 0, ok.milestones(), 0.1, true, null, 1, 1)).hasMessageContaining("--batch-size");
        assertThatThrownBy(() -> new ZhangVggOptions(ok.branches(), ok.widths(), ok.budgets(), 1, 10, 10, 5, 0.1,
                0.9, 0, List.of(0.7, 0.5), 0.1, true, null, 1, 1)).hasMessageContaining("--milestones");
        assertThatThrownBy(() -> new ZhangVggOptions(ok.branches(), ok.widths(), ok.budgets(), 1, 10, 10, 5, 0.1,
                1.0, 0, ok.milestones(), 0.1, true, null, 1, 1)).hasMessageContaining("--momentum");
    }
}
