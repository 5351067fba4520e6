import Foundation
import Nash
import NashEngine
import NashStore
import NashTraining

/// Runs one (scenario, seed) into a run file, with a progress line on terminals.
struct RunLauncher {
    var threads: Int
    var baseDirectory: String
    var source: String?
    var swiftVersion: String

    struct Result {
        var label: String
        var path: String
        var status: RunStatus
        var rounds: Int
        var curves: [String: Double]
        var cached: Bool
    }

    /// Where a run's file goes: `<out>/<scenario>/<spec-hash-8>/seed-<n>.h5` (DESIGN.md §5).
    static func path(out: String, scenario: Scenario, seed: UInt64) throws -> String {
        let hash = try scenario.specHash()
        return "\(out)/\(scenario.name)/\(hash.prefix(8))/seed-\(seed).h5"
    }

    /// Trains `scenario` with `seed` into a new file at `path`.
    func run(_ scenario: Scenario, seed: UInt64, path: String) throws -> Result {
        Parallel.threadCount = threads
        let runner = try Runner(scenario: scenario, seed: seed, baseDirectory: baseDirectory,
                                provenance: Provenance(source: source, swiftVersion: swiftVersion,
                                                       created: RunLauncher.now()))
        let file = try RunFile.create(path: path, replacing: true)
        return try drive(runner, file: file, path: path, checkpoint: nil, history: nil)
    }

    /// Continues the run file at `path` from its last checkpoint.
    func resume(path: String) throws -> Result {
        let (file, record) = try RunFile.resume(path: path)
        guard let header = record.header else { throw CLIError("\(path): the run file has no header") }
        let scenario = try Scenario.decode(header.specJSON)
        Parallel.threadCount = threads
        let runner = try Runner(scenario: scenario, seed: header.seed, baseDirectory: baseDirectory,
                                provenance: Provenance(source: header.source, swiftVersion: header.swiftVersion,
                                                       created: header.created))
        return try drive(runner, file: file, path: path, checkpoint: record.checkpoints.last, history: record)
    }

    private func drive(_ runner: Runner, file: RunFile, path: String, checkpoint: CheckpointRecord?,
                       history: RunRecord?) throws -> Result {
        let label = "\(runner.scenario.name) seed \(runner.seed)"
        let line = ProgressLine(label: label, total: runner.totalRounds)
        var last: [String: Double] = [:]
        let outcome = try runner.run(recorder: file, resumingFrom: checkpoint, history: history,
                                     shouldStop: { Interrupt.isRequested }) { p in
            var curves: [String: Double] = [:]
            curves["loss/D"] = p.lossD
            curves["loss/G"] = p.lossG
            curves["D/accuracy"] = p.accuracy
            last = curves
            line.update(step: p.round, curves: curves)
        }
        line.finish()
        return Result(label: label, path: path, status: outcome.status, rounds: outcome.roundsCompleted,
                      curves: last, cached: false)
    }

    static func now() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }

    /// A table of results, one row per run.
    static func table(_ results: [Result]) -> String {
        var rows = [["run", "status", "rounds", "loss/D", "loss/G", "D/acc", "file"]]
        for r in results {
            rows.append([r.label, r.cached ? "cached" : r.status.rawValue, "\(r.rounds)",
                         r.curves["loss/D"].map(ProgressLine.number) ?? "–",
                         r.curves["loss/G"].map(ProgressLine.number) ?? "–",
                         r.curves["D/accuracy"].map(ProgressLine.number) ?? "–", r.path])
        }
        return Table.render(rows)
    }
}

/// Left-aligned plain-text columns separated by two spaces.
enum Table {
    static func render(_ rows: [[String]]) -> String {
        let widths = (0..<(rows.map(\.count).max() ?? 0)).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { i, cell in i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
