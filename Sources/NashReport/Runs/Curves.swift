/// Which curves an export shows: the ones asked for with `--curves`, checked against what the runs
/// recorded, or a default per format.
public enum Curves {
    /// Evaluation columns of the per-mode histogram (`/evals/mode_histogram/<k>`).
    public static let modeHistogramPrefix = "mode_histogram/"
    /// The index of the most populated mode: a label, not a quantity to average or plot as a line.
    public static let dominantMode = "dominant_mode"

    /// Curves a figure or table shows by default: everything recorded except the histogram columns
    /// and the dominant mode, which the mode histogram figure shows instead.
    public static func plotted(_ names: [String]) -> [String] {
        names.filter { !$0.hasPrefix(modeHistogramPrefix) && $0 != dominantMode }
    }

    /// `requested` when every name is recorded by at least one run of `collection`, in the order
    /// given; otherwise an error naming a run file and the unknown curve.
    public static func resolve(_ requested: [String]?, in collection: RunCollection,
                               default fallback: ([String]) -> [String]) throws -> [String] {
        let recorded = allNames(collection)
        guard let requested else { return fallback(recorded) }
        for name in requested where !recorded.contains(name) {
            let file = collection.runs.count == 1 ? collection.runs[0].path : collection.input
            throw ExportError(file: file, "unknown curve \"\(name)\" (recorded: \(plotted(recorded).joined(separator: ", ")))")
        }
        var seen = Set<String>()
        return requested.filter { seen.insert($0).inserted }
    }

    static func allNames(_ collection: RunCollection) -> [String] {
        var seen = Set<String>(), names = [String]()
        for group in collection.scenarios { for name in group.curveNames where seen.insert(name).inserted { names.append(name) } }
        return names
    }
}

extension Curves {
    /// The columns of a table of final values by default: the evaluations (what a paper reports),
    /// then D's accuracy and both losses; every plotted curve when the runs recorded none of these.
    public static func tableDefault(_ collection: RunCollection) -> [String] {
        var evals = Set<String>(), curves = Set<String>()
        for run in collection.runs {
            evals.formUnion(run.record.evals.values.keys)
            curves.formUnion(run.record.curves.values.keys)
        }
        var wanted = plotted(evals.sorted(by: Text.byteOrder))
        wanted += ["D/accuracy", "loss/D", "loss/G"].filter { curves.contains($0) && !wanted.contains($0) }
        return wanted.isEmpty ? plotted(allNames(collection)) : wanted
    }
}
