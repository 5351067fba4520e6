/// `curves.csv`: every value of the chosen curves of every run, one per row, in the tidy long form
/// `scenario,variant,seed,step,curve,value` that pandas (`read_csv(path, comment="#")`) and R
/// (`read.csv(path, comment.char = "#")`) read as it is. Values are the shortest text that reads back
/// as the same float64 (`nan`, `inf` included), so the file equals the run files to the bit.
///
/// Above the header, `#` lines carry the provenance: the smoothing (`none` or `EMA α=…`) and one line
/// per run with its stamp. `runs.csv` holds the same stamps as a table to join on scenario, variant
/// and seed.
///
/// Rows come run by run (scenarios, variants, seeds ascending), curve by curve in the order asked
/// (`/curves` before `/evals` by default), step by step.
struct CSVExport {
    var curves: [String]
    var smoothing: Smoothing?

    func write(_ collection: RunCollection, to folder: inout OutputFolder) throws {
        var stamps = [Stamp]()
        var rows = ["scenario,variant,seed,step,curve,value"]
        for group in collection.scenarios {
            for variant in group.variants {
                for run in variant.runs {
                    stamps.append(Stamp(run, variant: variant.name))
                    let prefix = [run.scenario, variant.name, "\(run.seed)"].map(Self.field).joined(separator: ",")
                    for curve in curves {
                        guard let series = run.series(of: curve) else { continue }
                        let values = smoothing?.apply(series.values) ?? series.values
                        let name = Self.field(curve)
                        for (step, value) in zip(series.steps, values) {
                            rows.append("\(prefix),\(step),\(name),\(Text.exact(value))")
                        }
                    }
                }
            }
        }
        var header = ["# nash export: curves of \(stamps.count) run(s) from \(collection.input); read with pandas.read_csv(path, comment=\"#\")",
                      "# smoothing: " + (smoothing.map { "\($0.label) per seed (s0 = x0, s = α·x + (1 − α)·s)" } ?? "none")]
        header += stamps.map { "# run " + $0.line }
        try folder.write("curves.csv", (header + rows).joined(separator: "\n") + "\n")
        let table = [Stamp.fields.joined(separator: ",")] + stamps.map { $0.values.map(Self.field).joined(separator: ",") }
        try folder.write("runs.csv", table.joined(separator: "\n") + "\n")
    }

    /// RFC 4180 quoting when a field holds a comma, a quote, a line break or a `#`.
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "#" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
