import ArgumentParser
import Foundation
import Nash
import NashStore
import NashTraining

/// `nash show RUN.h5`: spec summary, status, provenance, final metrics and diagnosis.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Describe a run file.")

    @Argument(help: "The run file.") var path: String

    func run() throws {
        do {
            let s = try RunFileReader.summary(path: path)
            let h = s.header
            var rows = [["scenario", h.scenario], ["seed", "\(h.seed)"], ["status", s.status.rawValue],
                        ["rounds", "\(s.lastRecordedStep ?? 0) of \(h.totalSteps)"],
                        ["spec", h.specHash], ["digest", s.digest ?? "– (not complete)"],
                        ["nash", h.nashVersion], ["swift", h.swiftVersion.split(separator: "\n").first.map(String.init) ?? ""],
                        ["kernel", h.kernel], ["created", h.created],
                        ["checkpoints", s.checkpointSteps.map(String.init).joined(separator: ", ")]]
            if let scenario = try? Scenario.decode(h.specJSON), let loss = scenario.loss {
                rows.append(["loss", loss.displayName])
                rows.append(["regularisers", scenario.regularizers.map(\.kind.displayName).joined(separator: ", ")])
            }
            print(Table.render(rows))
            for (title, series) in [("final curves", s.curves), ("final evaluations", s.evals)] where !series.names.isEmpty {
                print("\n\(title) (step \(series.lastStep ?? 0)):")
                print(Table.render(series.names.map { ["  \($0)", series.lastValues[$0].map(ProgressLine.number) ?? "–"] }))
            }
            print("\ndiagnosis:")
            let findings = try s.diagnosisJSON.map(Finding.decodeList) ?? []
            if findings.isEmpty { print("  no findings") }
            for f in findings {
                let evidence = f.evidence.keys.sorted().map { "\($0)=\(ProgressLine.number(f.evidence[$0]!))" }.joined(separator: " ")
                print("  \(f.kind.rawValue) [\(f.firstStep)–\(f.lastStep)]: \(f.summary)  (\(evidence))")
            }
        } catch {
            exitWithError(error)
        }
    }
}
