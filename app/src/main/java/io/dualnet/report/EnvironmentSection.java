package io.dualnet.report;

import io.dualnet.linalg.Linalg;

import java.util.ArrayList;
import java.util.List;

/** The machine and software the report was produced with: Java, OS, cores, memory, linear-algebra backend. */
public final class EnvironmentSection implements ReportSection {

    @Override
    public String id() {
        return "environment";
    }

    @Override
    public String title() {
        return "Environment";
    }

    @Override
    public SectionResult render(ReportContext ctx) {
        Runtime rt = Runtime.getRuntime();
        List<List<String>> rows = new ArrayList<>();
        rows.add(Table.row("Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
                + ", " + System.getProperty("java.vm.name") + ")"));
        rows.add(Table.row("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + ")"));
        rows.add(Table.row("Cores available", rt.availableProcessors()));
        rows.add(Table.row("Max heap (MiB)", rt.maxMemory() / (1024 * 1024)));
        rows.add(Table.row("Linear algebra backend", Linalg.get().name()));
        rows.add(Table.row("Grid threads", ctx.threads()));
        rows.add(Table.row("Seed", ctx.seed()));
        rows.add(Table.row("Mode", ctx.quick() ? "quick (small grids)" : "full"));
        return new SectionResult()
                .text("The numbers in this report were produced on the following machine and software.")
                .table(new Table("environment", "Environment", List.of("Property", "Value"), rows));
    }
}
