import Foundation

/// `nash export`'s entry point: checks the options against the runs, then writes one format.
public enum Exporter {
    /// `export/` beside a run file, or inside the folder the runs were found in.
    public static func defaultOutput(for collection: RunCollection) -> String {
        if collection.isDirectory {
            return (collection.input.hasSuffix("/") ? collection.input : collection.input + "/") + "export"
        }
        let folder = (collection.input as NSString).deletingLastPathComponent
        return folder.isEmpty ? "export" : (folder as NSString).appendingPathComponent("export")
    }

    /// Writes `options.format` for `collection` and returns the paths written, in order.
    public static func export(_ collection: RunCollection, _ options: ExportOptions) throws -> [String] {
        let plotted = try Curves.resolve(options.curves, in: collection, default: Curves.plotted)
        let steps = try SnapshotSteps(options.steps, in: collection)
        var folder = try OutputFolder(options.output)
        switch options.format {
        case .csv:
            let all = try Curves.resolve(options.curves, in: collection) { $0 }
            try CSVExport(curves: all, smoothing: options.smoothing).write(collection, to: &folder)
        case .pgf:
            for group in collection.scenarios {
                try PGFFigure(group: group, curves: plotted, smoothing: options.smoothing).write(to: &folder)
            }
        case .svg:
            for group in collection.scenarios {
                try SVGExport(group: group, curves: plotted, smoothing: options.smoothing, steps: steps).write(to: &folder)
            }
        case .html:
            for group in collection.scenarios {
                let report = HTMLReport(group: group, curves: plotted, smoothing: options.smoothing, steps: steps)
                try folder.write(unique: group.name, suffix: ".html", report.html())
            }
        case .latex:
            let columns = options.curves ?? Curves.tableDefault(collection)
            for group in collection.scenarios {
                let table = LaTeXTable(group: group, curves: columns, smoothing: options.smoothing)
                try folder.write(unique: group.name + "-table", suffix: ".tex", table.tex())
            }
        }
        return folder.written
    }
}
