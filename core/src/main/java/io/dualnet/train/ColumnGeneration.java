package io.dualnet.train;

import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The column-generation loop of Theorem 7 of Wang, Ergen and Pilanci, shared by the scalar ({@link ParallelReluColumns})
 * and the vector-output ({@link ParallelReluVectorColumns}) routes: each round searches for branches that violate the
 * dual constraint of (24) at the restricted problem's dual point, records the round, stops when the search finds
 * nothing (converged) or at the last round (keeping the search maximum of the final dual point), and otherwise adds
 * the violators to the dictionary and re-solves the restricted problem.
 *
 * @param <R> the restricted problem's solution (a linear program for one output, a group lasso for several)
 */
final class ColumnGeneration<R> {

    /**
     * One extreme-point search at a dual point.
     *
     * @param found the branches whose constraint value exceeds {@code 1 + tolerance}, in the order found
     * @param oracleMax the largest constraint value seen ({@code M^})
     */
    record Search(List<List<DMatrixRMaj>> found, double oracleMax) {
    }

    /**
     * The loop's outcome.
     *
     * @param restricted the last restricted solution
     * @param oracleMax {@code M^} of the last round's search
     * @param rounds the rounds, in order
     * @param converged whether the last search found no violator
     */
    record Outcome<R>(R restricted, double oracleMax, List<ParallelReluBracket.Round> rounds, boolean converged) {
    }

    private final Function<List<List<DMatrixRMaj>>, R> solver;
    private final Function<R, Search> oracle;
    private final ToDoubleFunction<R> value;
    private final ToDoubleFunction<R> dual;

    /**
     * A loop over the given functions.
     *
     * @param solver the restricted problem over a dictionary
     * @param oracle the extreme-point search at a restricted solution's dual point
     * @param value the restricted problem's value (an upper bound)
     * @param dual the dual objective at the restricted solution's dual point ({@code <Lambda, Y>}), divided by
     *     {@code max(1, M^)} for a round's lower estimate
     */
    ColumnGeneration(Function<List<List<DMatrixRMaj>>, R> solver, Function<R, Search> oracle,
                     ToDoubleFunction<R> value, ToDoubleFunction<R> dual) {
        this.solver = solver;
        this.oracle = oracle;
        this.value = value;
        this.dual = dual;
    }

    /**
     * Runs at most {@code maxRounds >= 1} rounds from {@code first}, the restricted solution over {@code dictionary};
     * the violators found are appended to {@code dictionary} (except in the last round).
     */
    Outcome<R> run(List<List<DMatrixRMaj>> dictionary, R first, int maxRounds) {
        List<ParallelReluBracket.Round> rounds = new ArrayList<>();
        R restricted = first;
        double oracleMax = 0;
        boolean converged = false;
        for (int round = 0; round < maxRounds; round++) {
            Search search = oracle.apply(restricted);
            oracleMax = search.oracleMax();
            rounds.add(new ParallelReluBracket.Round(dictionary.size(), value.applyAsDouble(restricted),
                    dual.applyAsDouble(restricted) / Math.max(1, oracleMax), oracleMax));
            if (search.found().isEmpty()) {
                converged = true;
                break;
            }
            if (round == maxRounds - 1) {
                break; // keep the search maximum of the final dual point
            }
            dictionary.addAll(search.found());
            restricted = solver.apply(dictionary);
        }
        return new Outcome<>(restricted, oracleMax, rounds, converged);
    }
}
