/// `<scenario>.html`: one self-contained page per scenario with everything about its runs, readable
/// offline (no script, font, style sheet or image outside the file; figures are inline SVG).
///
/// In order: the reproducibility stamp of every run, the diagnosis findings, a table of final values,
/// the curves (one chart per curve, variants as seed-mean lines over min–max bands), per run the
/// sample snapshots over the real data and the per-mode histogram over time, each variant's spec,
/// and the scenario file's source.
struct HTMLReport {
    var group: ScenarioGroup
    var curves: [String]
    var smoothing: Smoothing?
    var steps: SnapshotSteps

    func html() throws -> String {
        let figures = Figures(group: group, curves: curves, smoothing: smoothing, steps: steps)
        let seeds = group.runs.count
        var out = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="generator" content="nash export">
        <meta name="nash-spec-sha256" content="\(Text.xml(group.variants.map(\.specHash).joined(separator: " ")))">
        <title>\(Text.xml(group.name)) — Nash report</title>
        <style>\(Self.style)</style>
        </head>
        <body>
        <h1>\(Text.xml(group.name))</h1>
        <p class="lead">\(group.variants.count) variant(s), \(seeds) run(s). Curves show each variant's mean over seeds as a line and the seeds' minimum to maximum as a band; smoothing: \(Text.xml(smoothing?.label ?? "none")).</p>
        <nav><a href="#stamp">Stamp</a> · <a href="#diagnosis">Diagnosis</a> · <a href="#metrics">Final values</a> · <a href="#curves">Curves</a> · <a href="#samples">Samples</a> · <a href="#spec">Spec</a> · <a href="#source">Source</a></nav>

        """
        out += section("stamp", "Reproducibility stamp", stampTable())
        out += section("diagnosis", "Diagnosis", try diagnosis())
        out += section("metrics", "Final values", metricsTable())
        out += section("curves", "Curves", "<div class=\"charts\">\n" + figures.lineCharts().map {
            "<figure>\($0.chart.svg(metadata: figures.metadata))</figure>"
        }.joined(separator: "\n") + "\n</div>")
        out += section("samples", "Samples over time", samples(figures))
        out += section("spec", "Spec", group.variants.map { v in
            "<details><summary>\(Text.xml(v.name)) — spec_sha256 \(Text.xml(v.specHash))</summary><pre>\(Text.xml(v.runs[0].header.specJSON))</pre></details>"
        }.joined(separator: "\n"))
        out += section("source", "Scenario source", group.source.map { "<pre class=\"source\"><code>\(Text.xml($0))</code></pre>" }
            ?? "<p>The runs were not made from a scenario file: no source stored.</p>")
        return out + "</body>\n</html>\n"
    }

    func section(_ id: String, _ title: String, _ content: String) -> String {
        "<section id=\"\(id)\">\n<h2>\(title)</h2>\n\(content)\n</section>\n"
    }

    func stampTable() -> String {
        let fields = Array(Stamp.fields.dropFirst())
        var out = "<div class=\"wide\"><table class=\"stamp\"><thead><tr>" + fields.map { "<th>\($0)</th>" }.joined() + "</tr></thead><tbody>\n"
        for stamp in Stamp.all(group) {
            out += "<tr>" + stamp.values.dropFirst().map { "<td>\(Text.xml($0))</td>" }.joined() + "</tr>\n"
        }
        return out + "</tbody></table></div>"
    }

    func diagnosis() throws -> String {
        var rows = [String]()
        for variant in group.variants {
            for run in variant.runs {
                let who = "<td>\(Text.xml(variant.name))</td><td>\(run.seed)</td>"
                guard let findings = try DiagnosisFinding.list(of: run) else {
                    rows.append("<tr>\(who)<td colspan=\"4\">no diagnosis (run \(run.record.status.rawValue))</td></tr>")
                    continue
                }
                if findings.isEmpty { rows.append("<tr>\(who)<td colspan=\"4\">no findings</td></tr>") }
                for f in findings {
                    let evidence = f.evidence.keys.sorted(by: Text.byteOrder).map { "\($0)=\(Text.short(f.evidence[$0]!))" }
                    rows.append("<tr>\(who)<td class=\"kind \(Text.xml(f.kind))\">\(Text.xml(f.kind))</td><td>\(f.firstStep)–\(f.lastStep)</td>"
                                + "<td>\(Text.xml(f.summary))</td><td class=\"evidence\">\(Text.xml(evidence.joined(separator: " ")))</td></tr>")
                }
            }
        }
        return "<div class=\"wide\"><table><thead><tr><th>variant</th><th>seed</th><th>finding</th><th>steps</th><th>summary</th><th>evidence</th></tr></thead><tbody>\n"
            + rows.joined(separator: "\n") + "\n</tbody></table></div>"
    }

    func metricsTable() -> String {
        let what = "Each seed's last recorded value" + (smoothing.map { " (\($0.label))" } ?? "") + "; mean ± sample standard deviation over seeds."
        var out = "<p>\(Text.xml(what))</p>\n<div class=\"wide\"><table class=\"metrics\"><thead><tr><th>variant</th><th>seeds</th>"
            + curves.map { "<th>\(Text.xml($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for variant in group.variants {
            out += "<tr><td>\(Text.xml(variant.name))</td><td>\(variant.runs.count)</td>"
            for curve in curves {
                guard let v = FinalValue(variant, curve: curve, smoothing: smoothing), v.count > 0 else { out += "<td>–</td>"; continue }
                let partial = v.count < variant.runs.count ? " (\(v.count) seeds)" : ""
                out += "<td>\(Text.xml(Text.short(v.mean) + (v.std.map { " ± " + Text.short($0, digits: 2) } ?? "") + partial))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody></table></div>"
    }

    func samples(_ figures: Figures) -> String {
        let runs = figures.runFigures()
        let parts = runs.flatMap { r in
            [r.scatter.map { "<figure>\($0.svg(metadata: figures.metadata))</figure>" },
             r.modes.map { "<figure>\($0.svg(metadata: figures.metadata))</figure>" }].compactMap { $0 }
        }
        return parts.isEmpty ? "<p>No 2-D sample snapshots or mode histograms recorded.</p>" : parts.joined(separator: "\n")
    }

    static let style = """
    body{font-family:Helvetica,Arial,sans-serif;margin:2em auto;max-width:1200px;padding:0 1em;color:#222}
    h1{margin-bottom:.2em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
    .lead{color:#555}nav a{color:#4477AA}
    table{border-collapse:collapse;font-size:13px;margin:.5em 0}th,td{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
    th{background:#f4f4f4}table.stamp td{font-family:monospace;font-size:12px;overflow-wrap:anywhere}
    .wide{overflow-x:auto}.charts{display:flex;flex-wrap:wrap;gap:0 1em}.charts figure{margin:.5em 0}
    td.evidence{font-family:monospace;font-size:12px}td.kind{font-weight:bold}td.kind.convergence_window{color:#228833}
    figure{margin:1em 0;overflow-x:auto}pre{background:#f7f7f7;padding:1em;overflow-x:auto;font-size:12px}
    """
}
