import ArgumentParser
import Foundation
import Nash
import NashEngine
import NashStore

/// `nash replay RUN.h5 [--verify]`: re-execute a run from its stored spec (no compiler needed) into
/// `<name>.replay.h5` beside it; with `--verify`, compare the numbers with the original and print
/// `identical` or the first curve and step where they differ.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "replay", abstract: "Re-execute a run from its stored spec.")

    @Argument(help: "The run file.") var path: String
    @Flag(help: "Compare the replay with the original run.") var verify = false
    @Option(help: "Worker threads for the kernels (results do not depend on it).") var threads: Int = 1

    func run() throws {
        do {
            let original = try RunFileReader.read(path: path)
            guard let header = original.header else { throw CLIError("\(path): the run file has no header") }
            // Kernels of one arithmetic (AVX2 and AVX-512) give the same bits: say nothing then.
            if Gemm.Arithmetic(recorded: header.kernel) != Gemm.arithmetic {
                let current = Gemm.arithmetic.rawValue
                let kernel = Gemm.kernelName == current ? "" : " (kernel \(Gemm.kernelName))"
                print("note: recorded with kernel \(header.kernel), replaying with \(current)\(kernel): "
                      + "numbers may differ in the last bits")
            }
            if !NashVersion.reproduces(header.nashVersion) {
                print("note: recorded by nash \(header.nashVersion), which summed reductions over batches of more "
                      + "than 256 in another order (nash \(NashVersion.sameNumbersSince)): numbers may differ")
            }
            let scenario = try Scenario.decode(header.specJSON)
            let target = path.hasSuffix(".h5") ? String(path.dropLast(3)) + ".replay.h5" : path + ".replay.h5"
            let launcher = RunLauncher(threads: threads, baseDirectory: FileManager.default.currentDirectoryPath,
                                       source: header.source, swiftVersion: header.swiftVersion)
            Interrupt.install()
            let result = try launcher.run(scenario, seed: header.seed, path: target)
            print("replayed into \(target) (\(result.status.rawValue))")
            guard verify else { return }
            let replay = try RunFileReader.read(path: target)
            if let difference = RunComparison.firstDifference(original, replay) {
                print("differs: \(difference)")
                throw ExitCode(4)
            }
            print("identical")
        } catch let error as ExitCode {
            throw error
        } catch {
            exitWithError(error)
        }
    }
}

/// Where two records of the same run first disagree.
enum RunComparison {
    static func firstDifference(_ a: RunRecord, _ b: RunRecord) -> String? {
        for (group, x, y) in [("curves", a.curves, b.curves), ("evals", a.evals, b.evals)] {
            if let d = series(group, x, y) { return d }
        }
        if a.sampleSteps != b.sampleSteps { return "samples/step" }
        for (i, (x, y)) in zip(a.samples, b.samples).enumerated() where x != y {
            return "samples/x at step \(a.sampleSteps[i])"
        }
        if a.checkpoints.map(\.step) != b.checkpoints.map(\.step) { return "checkpoint steps" }
        for (x, y) in zip(a.checkpoints, b.checkpoints) where x != y {
            return "checkpoints/\(x.step)"
        }
        if a.digest() != b.digest() { return "digest (trajectory, reference or latents)" }
        return nil
    }

    private static func series(_ group: String, _ x: RunRecord.Series, _ y: RunRecord.Series) -> String? {
        if x.values.keys.sorted() != y.values.keys.sorted() { return "\(group): different curve names" }
        let n = min(x.steps.count, y.steps.count)
        for i in 0..<n {
            if x.steps[i] != y.steps[i] { return "\(group)/step at record \(i)" }
            for name in x.values.keys.sorted() {
                let u = x.values[name]![i], v = y.values[name]![i]
                if u.bitPattern != v.bitPattern && !(u.isNaN && v.isNaN) {
                    return "\(group)/\(name) at step \(x.steps[i]): \(u) vs \(v)"
                }
            }
        }
        if x.steps.count != y.steps.count { return "\(group): \(x.steps.count) vs \(y.steps.count) records" }
        return nil
    }
}
