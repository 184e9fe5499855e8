package io.dualnet.duality;

import io.dualnet.landscape.ValueFunction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The shortest-path part of {@link BudgetAllocation}: the graph on the residues {@code Z_d} of the critical edge
 * length {@code d} whose edges are the deviations from the base allocation ({@code rho -> (rho + extra units) mod d},
 * cost = reduced cost), and its shortest distances from 0 (Dijkstra). Deviations whose reduced cost is at least
 * {@code lambda d} are left out: the plain rounding already has excess below {@code lambda d}. Immutable once built.
 */
final class ResidueGraph {
    private final int d;
    private final double lambda;
    private final double[] dist;
    private final int[] predItem;
    private final int[] predNode;
    private final int[][] items;

    private ResidueGraph(int d, double lambda, double[] dist, int[] predItem, int[] predNode, int[][] items) {
        this.d = d;
        this.lambda = lambda;
        this.dist = dist;
        this.predItem = predItem;
        this.predNode = predNode;
        this.items = items;
    }

    /** Reduced cost of type {@code t}, point {@code k}. */
    @FunctionalInterface
    interface ReducedCost {
        double of(int t, int k);
    }

    /**
     * @param fill staircase index of the end {@code b} of the critical edge (free: handled by the division)
     * @param length the critical edge length {@code d}
     * @param lambda the multiplier per unit
     */
    static ResidueGraph build(List<ValueFunction> functions, AllocationRelaxation rel, int fill, long length,
            double lambda, ReducedCost reduced) {
        int d = (int) length;
        int crit = rel.critical();
        double threshold = lambda * d;
        List<int[]> kept = new ArrayList<>();
        List<Double> costs = new ArrayList<>();
        List<Integer> moves = new ArrayList<>();
        for (int t = 0; t < functions.size(); t++) {
            ValueFunction f = functions.get(t);
            int base = rel.base()[t];
            for (int k = 0; k < f.size(); k++) {
                if (k == base || t == crit && k == fill) {
                    continue;
                }
                double r = reduced.of(t, k);
                if (r < threshold) {
                    kept.add(new int[] {t, k});
                    costs.add(r);
                    moves.add((int) Math.floorMod(f.units(k) - f.units(base), (long) d));
                }
            }
        }
        int[][] items = kept.toArray(new int[0][]);
        double[] cost = costs.stream().mapToDouble(Double::doubleValue).toArray();
        int[] move = moves.stream().mapToInt(Integer::intValue).toArray();
        double[] dist = new double[d];
        int[] predItem = new int[d];
        int[] predNode = new int[d];
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        Arrays.fill(predItem, -1);
        dist[0] = 0;
        PriorityQueue<double[]> queue = new PriorityQueue<>((x, y) -> Double.compare(x[0], y[0]));
        queue.add(new double[] {0, 0});
        while (!queue.isEmpty()) {
            double[] top = queue.poll();
            int node = (int) top[1];
            if (top[0] > dist[node]) {
                continue;
            }
            for (int i = 0; i < items.length; i++) {
                double nd = top[0] + cost[i];
                if (nd >= threshold) {
                    continue;
                }
                int next = node + move[i];
                if (next >= d) {
                    next -= d;
                }
                if (nd < dist[next]) {
                    dist[next] = nd;
                    predItem[next] = i;
                    predNode[next] = node;
                    queue.add(new double[] {nd, next});
                }
            }
        }
        return new ResidueGraph(d, lambda, dist, predItem, predNode, items);
    }

    /** {@code dist(rho) + lambda ((s - rho) mod d)}: the least excess of allocations whose deviations sum to rho mod d. */
    double bound(int rho, long s) {
        return dist[rho] + lambda * Math.floorMod(s - rho, (long) d);
    }

    /** The least {@link #bound} over all residues: a lower bound on the excess of every allocation. */
    double lowerBound(long s) {
        double best = Double.POSITIVE_INFINITY;
        for (int rho = 0; rho < d; rho++) {
            best = Math.min(best, bound(rho, s));
        }
        return best;
    }

    /** Up to {@code limit} reachable residues in increasing {@link #bound} order. */
    int[] residuesByBound(long s, int limit) {
        Integer[] order = new Integer[d];
        int count = 0;
        for (int rho = 0; rho < d; rho++) {
            if (dist[rho] < Double.POSITIVE_INFINITY) {
                order[count++] = rho;
            }
        }
        Integer[] reachable = Arrays.copyOf(order, count);
        Arrays.sort(reachable, (x, y) -> Double.compare(bound(x, s), bound(y, s)));
        int[] out = new int[Math.min(limit, count)];
        for (int i = 0; i < out.length; i++) {
            out[i] = reachable[i];
        }
        return out;
    }

    /** The deviations ({@code {type, point}}) of the shortest path to {@code rho}. */
    List<int[]> path(int rho) {
        List<int[]> out = new ArrayList<>();
        int node = rho;
        while (node != 0) {
            out.add(items[predItem[node]]);
            node = predNode[node];
        }
        return out;
    }
}
