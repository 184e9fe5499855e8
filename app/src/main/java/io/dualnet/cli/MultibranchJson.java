package io.dualnet.cli;

import io.dualnet.duality.Allocation;
import io.dualnet.duality.BranchSummary;
import io.dualnet.duality.GapResult;
import io.dualnet.duality.HingeGapBounds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON objects of {@code dualnet multibranch gap} (stable field names, documented in README.md). */
final class MultibranchJson {
    private MultibranchJson() {
    }

    static Map<String, Object> branch(BranchSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("spec", s.spec());
        m.put("parameters", s.parameters());
        m.put("method", s.method());
        m.put("resolution", s.resolution());
        m.put("fallback", s.fallback());
        m.put("certified", s.certified());
        m.put("evaluated", s.evaluated());
        m.put("pareto_points", s.paretoPoints());
        m.put("hull_vertices", s.hullVertices());
        m.put("rho", s.rho());
        m.put("rho_budget", s.rhoBudget());
        m.put("delta", s.delta());
        m.put("delta_upper", s.deltaUpper());
        m.put("delta_budget", s.deltaBudget());
        m.put("g_min", s.gMin());
        m.put("g_at_zero", s.gAtZero());
        m.put("g_max", s.gMax());
        m.put("seconds", s.seconds());
        return m;
    }

    static Map<String, Object> gap(GapResult r) {
        Allocation a = r.allocation();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("I", r.branches());
        m.put("counts", r.counts());
        m.put("primal", r.primal());
        m.put("dual", r.dual());
        m.put("gap", r.gap());
        m.put("normalized_gap", r.normalizedGap());
        m.put("bound", r.bound());
        m.put("rho_bound", r.rhoBound());
        m.put("holds", r.gap() >= -1e-10 && r.normalizedGap() <= r.bound() + 1e-10);
        m.put("lambda", a.lambda());
        m.put("exact", a.exact());
        m.put("method", a.method());
        m.put("lower_bound", a.lowerBound());
        List<Map<String, Object>> slots = new ArrayList<>();
        for (Allocation.Slot s : a.slots()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("type", s.type());
            e.put("copies", s.copies());
            e.put("h", s.units() * a.unit());
            e.put("g", s.value());
            slots.add(e);
        }
        m.put("levels", slots);
        m.put("continuous_gap_lower", r.continuousGapLower());
        m.put("continuous_gap_upper", r.continuousGapUpper());
        m.put("seconds", r.seconds());
        return m;
    }

    static Map<String, Object> hinge(HingeGapBounds hinge, List<HingeGapBounds.Bounds> bounds, double deltaWorst) {
        Map<String, Object> m = new LinkedHashMap<>();
        HingeGapBounds.Relaxation r = hinge.relaxation(bounds.isEmpty() ? 1 : bounds.get(bounds.size() - 1).branches());
        Map<String, Object> rel = new LinkedHashMap<>();
        rel.put("value", r.value());
        rel.put("lower_bound", r.lowerBound());
        rel.put("support", r.support().size());
        rel.put("lambda", r.lambda());
        rel.put("converged", r.converged());
        m.put("relaxation", rel);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (HingeGapBounds.Bounds b : bounds) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("I", b.branches());
            boolean exact = !Double.isNaN(b.exactPrimal());
            e.put("primal_upper", exact ? b.exactPrimal() : b.upper());
            e.put("dual_lower", exact ? b.exactDual() : b.lower());
            e.put("gap_upper", Math.max(0, b.gapUpper()));
            e.put("normalized_gap_upper", Math.max(0, b.gapUpper()) / deltaWorst);
            e.put("exact", exact);
            rows.add(e);
        }
        m.put("results", rows);
        return m;
    }
}
