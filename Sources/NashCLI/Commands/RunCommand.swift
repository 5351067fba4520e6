import ArgumentParser
import Foundation
import Nash
import NashStore

/// `nash run FILE.swift`: compile the scenario file, then train every (scenario, seed) pair into
/// `<out>/<scenario>/<spec-hash-8>/seed-<n>.h5`. A complete run file for the same spec and seed is a
/// cache hit unless `--force`.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Train the scenarios of a scenario file.")

    @Argument(help: "The scenario file (Swift).") var file: String
    @Option(help: "Run this seed only.") var seed: UInt64?
    @Option(help: "Run these seeds (comma-separated), instead of the file's.") var seeds: String?
    @Option(name: .customLong("set"), help: "Override a tunable: NAME=VALUE (repeatable).") var sets: [String] = []
    @Option(help: "Shorten every scenario to this many rounds (part of the spec hash).") var steps: Int?
    @Option(help: "Worker threads for the kernels (results do not depend on it).") var threads: Int = 1
    @Option(help: "Where run files go.") var out: String = "results"
    @Option(help: "Run only the scenario with this name.") var scenario: String?
    @Option(help: "Independent runs to train at once, each in its own process.") var jobs: Int = 1
    @Flag(help: "Train even when a complete run file exists.") var force = false

    func run() throws {
        do {
            try execute()
        } catch let error as ExitCode {
            throw error
        } catch {
            exitWithError(error)
        }
    }

    private func execute() throws {
        guard threads >= 1 else { throw CLIError("--threads must be at least 1") }
        guard jobs >= 1 else { throw CLIError("--jobs must be at least 1") }
        if let steps, steps < 1 { throw CLIError("--steps must be at least 1") }
        let compiler = ScenarioCompiler()
        let document = try compiler.document(for: file, overrides: sets)
        var scenarios = document.scenarios
        if let name = scenario {
            scenarios = scenarios.filter { $0.name == name }
            if scenarios.isEmpty {
                throw CLIError("\(file): no scenario named \(name) (it declares \(document.scenarios.map(\.name).joined(separator: ", ")))")
            }
        }
        if let steps { scenarios = scenarios.map { $0.overriding(steps: steps) } }
        let chosenSeeds = try seedList()
        let launcher = RunLauncher(threads: threads,
                                   baseDirectory: URL(fileURLWithPath: file).deletingLastPathComponent().path,
                                   source: String(decoding: FileManager.default.contents(atPath: file) ?? Data(), as: UTF8.self),
                                   swiftVersion: try compiler.swiftVersion())
        Interrupt.install()
        var results: [RunLauncher.Result] = []
        var pending: [(scenario: Scenario, seed: UInt64, path: String)] = []
        for scenario in scenarios {
            for seed in chosenSeeds ?? scenario.seeds {
                let path = try RunLauncher.path(out: out, scenario: scenario, seed: seed)
                if !force, let summary = try? RunFileReader.summary(path: path), summary.status == .complete {
                    print("cached: \(path)")
                    results.append(.init(label: "\(scenario.name) seed \(seed)", path: path, status: .complete,
                                         rounds: summary.lastRecordedStep ?? 0, curves: summary.curves.lastValues,
                                         cached: true))
                } else {
                    pending.append((scenario, seed, path))
                }
            }
        }
        if jobs > 1, pending.count > 1 {
            let pool = JobPool(jobs: jobs, arguments: childArguments)
            results += try pool.run(pending.map { .init(scenario: $0.scenario.name, seed: $0.seed, path: $0.path) })
        } else {
            for run in pending {
                let result = try launcher.run(run.scenario, seed: run.seed, path: run.path)
                results.append(result)
                if result.status == .interrupted || Interrupt.isRequested { break }
            }
        }
        print(RunLauncher.table(results))
        if Interrupt.isRequested { throw ExitCode(130) }
        if results.contains(where: { $0.status == .diverged }) { throw ExitCode(3) }
    }

    /// The arguments of a child `nash run` that trains one (scenario, seed) of this command, as this
    /// command would: same file, overrides, length, threads and output folder.
    private func childArguments(scenario name: String, seed: UInt64) -> [String] {
        var arguments = ["run", file, "--scenario", name, "--seed", "\(seed)", "--threads", "\(threads)",
                         "--out", out, "--force"]
        for set in sets { arguments += ["--set", set] }
        if let steps { arguments += ["--steps", "\(steps)"] }
        return arguments
    }

    private func seedList() throws -> [UInt64]? {
        if let seed { return [seed] }
        guard let seeds else { return nil }
        let parsed = seeds.split(separator: ",").map { UInt64($0.trimmingCharacters(in: .whitespaces)) }
        guard !parsed.isEmpty, parsed.allSatisfy({ $0 != nil }) else {
            throw CLIError("--seeds \(seeds): expected comma-separated whole numbers such as 1,2,3")
        }
        return parsed.compactMap { $0 }
    }
}
