package io.dualnet.report;

import io.dualnet.data.AtomicFiles;
import io.dualnet.data.InvalidInputException;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes the self-contained HTML report {@code <outDir>/index.html}: inline CSS, a summary table of every verdict
 * with colored badges, a table of contents, then one {@code <section>} per report section. Figures are linked by
 * relative paths; tables are also saved as {@code <outDir>/<section-id>/<table-name>.csv}. All text is escaped
 * (only {@link SectionResult#html(String)} fragments are inserted as is). Every file is written atomically.
 */
public final class HtmlReport {

    /** The report file name inside the output directory. */
    public static final String INDEX = "index.html";

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1100px;margin:2em auto;\
            padding:0 1em;color:#222;line-height:1.45}
            h1{margin-bottom:.2em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}
            .meta{color:#666;font-size:.9em}
            table{border-collapse:collapse;margin:1em 0;font-size:.92em}
            th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}
            th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}
            caption{caption-side:top;text-align:left;font-weight:600;padding:.3em 0}
            .badge{display:inline-block;padding:.1em .55em;border-radius:.8em;font-size:.85em;font-weight:600;\
            color:#fff;white-space:nowrap}
            .badge-holds{background:#2e7d32}.badge-fails{background:#c62828}
            .badge-holds-under-condition{background:#ef8f00}.badge-not-checked{background:#757575}
            .verdicts{list-style:none;padding-left:0}.verdicts li{margin:.4em 0}
            .error{background:#fdecea;border-left:4px solid #c62828;padding:.6em 1em;white-space:pre-wrap}
            figure{margin:1em 0}figure img{max-width:100%;border:1px solid #eee}
            figcaption{color:#444;font-size:.9em}
            nav ol{columns:2}
            """;

    private final ReportOptions options;

    /** A report for a run with {@code options}. */
    public HtmlReport(ReportOptions options) {
        if (options == null) {
            throw new InvalidInputException("options", null, "report options");
        }
        this.options = options;
    }

    /**
     * Writes the CSV files of every table and then {@code index.html}.
     *
     * @return the path of {@code index.html}
     */
    public Path write(List<SectionOutcome> sections) {
        Path outDir = options.outDir();
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>DualNet reproduction report</title>\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<header>\n<h1>DualNet reproduction report</h1>\n")
                .append("<p class=\"meta\">Generated ")
                .append(esc(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)))
                .append(" &middot; seed ").append(options.seed())
                .append(" &middot; ").append(options.quick() ? "quick mode (small grids)" : "full mode")
                .append(" &middot; ").append(options.threads()).append(" threads")
                .append(" &middot; ").append(sections.size()).append(sections.size() == 1 ? " section" : " sections")
                .append("</p>\n</header>\n");
        appendSummary(html, sections);
        appendToc(html, sections);
        html.append("<main>\n");
        for (SectionOutcome section : sections) {
            appendSection(html, section, outDir);
        }
        html.append("</main>\n</body>\n</html>\n");
        Path index = outDir.resolve(INDEX);
        AtomicFiles.writeString(index, html.toString());
        return index;
    }

    private static void appendSummary(StringBuilder html, List<SectionOutcome> sections) {
        html.append("<section id=\"summary\">\n<h2>Summary of verdicts</h2>\n");
        long failed = sections.stream().filter(SectionOutcome::failed).count();
        if (failed > 0) {
            html.append("<p class=\"error\">").append(failed).append(failed == 1 ? " section" : " sections")
                    .append(" failed: ");
            html.append(String.join(", ", sections.stream().filter(SectionOutcome::failed)
                    .map(s -> "<a href=\"#" + esc(s.id()) + "\">" + esc(s.title()) + "</a>").toList()));
            html.append("</p>\n");
        }
        html.append("<table class=\"summary\">\n<thead><tr><th>Section</th><th>Claim</th><th>Outcome</th>")
                .append("<th>Detail</th></tr></thead>\n<tbody>\n");
        for (SectionOutcome section : sections) {
            for (Verdict v : section.result().verdicts()) {
                html.append("<tr><td><a href=\"#").append(esc(section.id())).append("\">").append(esc(section.title()))
                        .append("</a></td><td>").append(esc(v.claim())).append("</td><td>").append(badge(v.outcome()))
                        .append("</td><td>").append(esc(v.detail())).append("</td></tr>\n");
            }
        }
        if (sections.stream().allMatch(s -> s.result().verdicts().isEmpty())) {
            html.append("<tr><td colspan=\"4\">No claims checked in this run.</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static void appendToc(StringBuilder html, List<SectionOutcome> sections) {
        html.append("<nav id=\"contents\">\n<h2>Contents</h2>\n<ol>\n");
        for (SectionOutcome section : sections) {
            html.append("<li><a href=\"#").append(esc(section.id())).append("\">").append(esc(section.title()))
                    .append("</a>");
            if (section.failed()) {
                html.append(" ").append(badge(Outcome.NOT_CHECKED)).append(" <strong>failed</strong>");
            }
            html.append("</li>\n");
        }
        html.append("</ol>\n</nav>\n");
    }

    private static void appendSection(StringBuilder html, SectionOutcome section, Path outDir) {
        html.append("<section id=\"").append(esc(section.id())).append("\"")
                .append(section.failed() ? " class=\"failed\"" : "").append(">\n<h2>").append(esc(section.title()))
                .append("</h2>\n<p class=\"meta\">").append(String.format(Locale.ROOT, "%.1f s", section.seconds()))
                .append("</p>\n");
        if (section.failed()) {
            html.append("<div class=\"error\"><strong>This section failed:</strong> ").append(esc(section.error()))
                    .append("</div>\n");
        }
        Set<String> tableNames = new HashSet<>();
        boolean inVerdicts = false;
        for (SectionItem item : section.result().items()) {
            if (item instanceof Verdict v) {
                if (!inVerdicts) {
                    html.append("<ul class=\"verdicts\">\n");
                    inVerdicts = true;
                }
                html.append("<li>").append(badge(v.outcome())).append(" <strong>").append(esc(v.claim()))
                        .append("</strong>").append(v.detail().isEmpty() ? "" : " &mdash; " + esc(v.detail()))
                        .append("</li>\n");
                continue;
            }
            if (inVerdicts) {
                html.append("</ul>\n");
                inVerdicts = false;
            }
            if (item instanceof Paragraph p) {
                html.append(p.html() ? p.content() : "<p>" + esc(p.content()) + "</p>").append('\n');
            } else if (item instanceof Figure f) {
                appendFigure(html, f, outDir);
            } else if (item instanceof Table t) {
                if (!tableNames.add(t.name())) {
                    throw new InvalidInputException("table name", t.name(),
                            "names unique within section " + section.id());
                }
                Path csv = outDir.resolve(section.id()).resolve(t.name() + ".csv");
                AtomicFiles.writeString(csv, t.toCsv());
                appendTable(html, t, relative(outDir, csv));
            }
        }
        if (inVerdicts) {
            html.append("</ul>\n");
        }
        html.append("</section>\n");
    }

    private static void appendFigure(StringBuilder html, Figure f, Path outDir) {
        html.append("<figure>\n<img src=\"").append(esc(relative(outDir, f.png()))).append("\" alt=\"")
                .append(esc(f.caption())).append("\">\n<figcaption>").append(esc(f.caption()));
        if (f.svg() != null) {
            html.append(" (<a href=\"").append(esc(relative(outDir, f.svg()))).append("\">SVG</a>)");
        }
        html.append("</figcaption>\n</figure>\n");
    }

    private static void appendTable(StringBuilder html, Table t, String csvLink) {
        html.append("<table>\n<caption>").append(esc(t.caption())).append(" <a href=\"").append(esc(csvLink))
                .append("\">CSV</a></caption>\n<thead><tr>");
        for (String h : t.header()) {
            html.append("<th>").append(esc(h)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : t.rows()) {
            html.append("<tr>");
            for (String cell : row) {
                html.append(isNumber(cell) ? "<td class=\"num\">" : "<td>").append(esc(cell)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static boolean isNumber(String cell) {
        return cell.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?|NaN|-?Infinity");
    }

    private static String badge(Outcome outcome) {
        return "<span class=\"badge " + outcome.cssClass() + "\">" + esc(outcome.label()) + "</span>";
    }

    /** The path of {@code file} relative to the report directory, with '/' separators (a file: URI if outside). */
    private static String relative(Path outDir, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (!abs.startsWith(outDir)) {
            return abs.toUri().toString();
        }
        return outDir.relativize(abs).toString().replace('\\', '/');
    }

    private static String esc(String text) {
        return Html.escape(text);
    }
}
