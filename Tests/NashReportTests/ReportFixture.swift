import Foundation
import Nash
import NashReport
import NashStore
import NashTestSupport
import NashTraining

/// Real run files for the exporters: a ring of 8 Gaussians with 16-wide MLPs, 40 rounds, two seeds of
/// the scenario and two of a variant, with curves, evaluations (mode histogram included), sample
/// snapshots and a diagnosis. Trained once per test process by the library runner into files laid
/// out as `nash run` lays them out (`<scenario>/<spec-8>/seed-<n>.h5`).
enum ReportFixture {
    static let source = "import Nash\n// A <ring> & \"friends\": escaped in every output.\nlet ring = Scenario(\"ring\") { … }\n"

    static let scenario = Scenario("ring") {
        Dataset.ring(modes: 8, radius: 2, std: 0.02)
        Latent.normal(2)
        Generator { Dense(16, .relu); Dense(2) }
        Discriminator { Scale(0.25); Dense(16, .relu); Dense(1) }
        Loss.nonSaturating
        Train(steps: 40, batch: 32) {
            Update(.discriminator, with: .adam(lr: 1e-3, beta1: 0.5))
            Update(.generator, with: .adam(lr: 1e-3, beta1: 0.5))
        }
        Record {
            Curves(every: 4)
            Evaluate(.modes, .highQuality, .reverseKL, every: 10, samples: 64)
            Samples(32, every: 10)
            Checkpoint(every: 20)
        }
    }

    static let variant = scenario.variant("minimax") { Loss.minimax }

    /// The folder holding the four run files.
    static let folder: String = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("nash-report-\(UUID().uuidString.prefix(8))").path
        for s in [scenario, variant] {
            for seed: UInt64 in [1, 2] {
                let path = "\(root)/\(s.name)/\(try! s.specHash().prefix(8))/seed-\(seed).h5"
                try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                         withIntermediateDirectories: true)
                let runner = try! Runner(scenario: s, seed: seed, baseDirectory: root,
                                         provenance: Provenance(source: source, swiftVersion: "Swift version test\nTarget: x",
                                                                created: "2026-01-01T00:00:00Z"))
                let file = try! RunFile.create(path: path, replacing: true)
                _ = try! runner.run(recorder: file)
            }
        }
        return root
    }()

    static func collection() throws -> RunCollection { try RunCollection.load(folder) }

    /// A fresh empty output folder.
    static func output(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("nash-export-\(name)-\(UUID().uuidString.prefix(8))").path
    }
}

/// Runs a program and returns its status and output (stdout and stderr together, in the order written).
@discardableResult
func runInterleaved(_ executable: String, _ arguments: [String], in directory: String? = nil) throws -> (status: Int32, output: String) {
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("nash-program-\(UUID().uuidString.prefix(8)).log")
    FileManager.default.createFile(atPath: log.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: log) }
    let handle = try FileHandle(forWritingTo: log)
    defer { try? handle.close() }
    let child = try ChildProcess(executable, arguments, directory: directory,
                                 output: .descriptor(handle.fileDescriptor), errors: .descriptor(handle.fileDescriptor))
    let status = child.wait().status
    return (status, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
}

/// Debian's python3 (with h5py) on a script and arguments; returns stdout+stderr, throws on failure.
func python(_ script: String, _ arguments: [String] = []) throws -> String {
    let result = try runInterleaved(debianPython, ["-c", script] + arguments)
    guard result.status == 0 else { throw ProgramFailure(output: result.output) }
    return result.output
}

struct ProgramFailure: Error, CustomStringConvertible {
    var output: String
    var description: String { output }
}
