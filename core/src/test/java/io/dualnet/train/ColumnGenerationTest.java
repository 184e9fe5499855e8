package io.dualnet.train;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The column-generation loop on scripted searches: when it records, stops, grows the dictionary and re-solves. The
 * "restricted solution" is the dictionary size it was solved for; its value is that size and its dual 2 x that size.
 */
class ColumnGenerationTest {

    private static List<DMatrixRMaj> branch(double v) {
        return List.of(new DMatrixRMaj(new double[][] {{v}}));
    }

    /** A loop whose search finds {@code counts[r]} branches in round {@code r} with maximum {@code max[r]}. */
    private static ColumnGeneration<Integer> scripted(int[] counts, double[] max, List<Integer> solvedFor) {
        int[] round = {0};
        return new ColumnGeneration<Integer>(d -> {
            solvedFor.add(d.size());
            return d.size();
        }, r -> {
            List<List<DMatrixRMaj>> found = new ArrayList<>();
            for (int k = 0; k < counts[round[0]]; k++) {
                found.add(branch(k));
            }
            return new ColumnGeneration.Search(found, max[round[0]++]);
        }, r -> r, r -> 2.0 * r);
    }

    @Test
    void stopsConvergedWhenTheSearchFindsNothing() {
        List<List<DMatrixRMaj>> dictionary = new ArrayList<>(List.of(branch(9)));
        List<Integer> solvedFor = new ArrayList<>();
        ColumnGeneration.Outcome<Integer> o = scripted(new int[] {2, 1, 0, 5}, new double[] {4, 3, 0.5, 7}, solvedFor)
                .run(dictionary, 1, 10);
        assertThat(o.converged()).isTrue();
        assertThat(o.rounds()).hasSize(3);
        assertThat(dictionary).hasSize(4);
        assertThat(solvedFor).containsExactly(3, 4);
        assertThat(o.restricted()).isEqualTo(4);
        assertThat(o.oracleMax()).isEqualTo(0.5);
        // round r: columns before growing, the value of the restricted solution, its dual over max(1, M^)
        assertThat(o.rounds().get(0)).isEqualTo(new ParallelReluBracket.Round(1, 1, 2.0 / 4, 4));
        assertThat(o.rounds().get(1)).isEqualTo(new ParallelReluBracket.Round(3, 3, 6.0 / 3, 3));
        assertThat(o.rounds().get(2)).isEqualTo(new ParallelReluBracket.Round(4, 4, 8.0, 0.5));
    }

    @Test
    void theLastRoundKeepsItsDualPointAndDoesNotGrow() {
        List<List<DMatrixRMaj>> dictionary = new ArrayList<>();
        List<Integer> solvedFor = new ArrayList<>();
        ColumnGeneration.Outcome<Integer> o = scripted(new int[] {1, 1, 1}, new double[] {2, 1.5, 1.25}, solvedFor)
                .run(dictionary, 0, 2);
        assertThat(o.converged()).isFalse();
        assertThat(o.rounds()).hasSize(2);
        assertThat(dictionary).hasSize(1);
        assertThat(solvedFor).containsExactly(1);
        assertThat(o.restricted()).isEqualTo(1);
        assertThat(o.oracleMax()).isEqualTo(1.5);
    }
}
