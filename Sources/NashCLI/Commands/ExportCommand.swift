import ArgumentParser
import Foundation
import NashReport

/// `nash export RUN.h5|DIR --format csv|pgf|svg|html|latex [--curves a,b] [--smooth α] [--steps …] [--out DIR]`:
/// curves, figures, tables and the HTML report of one run file or of every run file below a folder.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export curves, figures, tables or an HTML report of runs.",
        discussion: """
        A folder means every *.h5 run file below it: runs are grouped by scenario (variants are the \
        scenarios named base/variant) and seeds are aggregated (mean line, min-max band). The paths \
        written are printed one per line.
        """)

    @Argument(help: "A run file, or a folder searched recursively for run files.") var path: String
    @Option(help: "csv, pgf, svg, html or latex.") var format: String
    @Option(help: "Comma-separated curve names (loss/D,modes); default: all recorded curves.") var curves: String?
    @Option(help: "Smooth each seed's curve with an EMA of weight α in (0, 1] (labelled in the output).") var smooth: Double?
    @Option(help: "Comma-separated sample snapshot steps to draw; default: first, middle, last.") var steps: String?
    @Option(help: "The folder to write into; default: export/ beside the run file or inside the folder.") var out: String?

    func run() throws {
        do {
            guard let format = ExportFormat(rawValue: format.lowercased()) else {
                throw CLIError("\(path): unknown export format \"\(format)\" (choose \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            var smoothing: Smoothing?
            if let smooth {
                guard let s = Smoothing(alpha: smooth) else {
                    throw CLIError("\(path): --smooth \(smooth) is not an EMA weight in (0, 1]")
                }
                smoothing = s
            }
            let stepList = try steps.map { text in
                try Self.list(text).map { item -> Int in
                    guard let step = Int(item) else { throw CLIError("\(path): --steps \"\(item)\" is not a step number") }
                    return step
                }
            }
            let collection = try RunCollection.load(path)
            let options = ExportOptions(format: format, curves: curves.map(Self.list), smoothing: smoothing,
                                        steps: stepList, output: out ?? Exporter.defaultOutput(for: collection))
            for written in try Exporter.export(collection, options) { print(written) }
        } catch {
            exitWithError(error)
        }
    }

    /// The non-empty items of a comma-separated list, trimmed.
    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
