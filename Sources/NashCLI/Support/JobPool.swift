import Foundation
import NashStore

/// `nash run --jobs N`: trains independent (scenario, seed) runs in up to N child `nash run` processes
/// at once. Each child trains exactly one run with `--scenario NAME --seed S` (and the parent's
/// overrides), so its file and digest are those of a run made alone; the scenario binary is a cache
/// hit for every child. Children write nothing to the terminal (their output goes to temporary
/// files); the parent prints one line as each run ends and reads the results back from the run files.
/// Ctrl-C reaches the children through the terminal's process group: each marks its file interrupted.
struct JobPool {
    struct Job {
        var scenario: String
        var seed: UInt64
        var path: String
    }

    let jobs: Int
    /// The child's arguments for one run.
    let arguments: (_ scenario: String, _ seed: UInt64) -> [String]

    func run(_ queue: [Job]) throws -> [RunLauncher.Result] {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        let slots = DispatchSemaphore(value: jobs)
        let group = DispatchGroup()
        let outcomes = Outcomes()

        print("training \(queue.count) runs, \(jobs) at a time")
        for (index, job) in queue.enumerated() {
            slots.wait()
            if Interrupt.isRequested { slots.signal(); break }
            group.enter()
            DispatchQueue.global().async {
                defer { slots.signal(); group.leave() }
                do {
                    let result = try Subprocess.run(executable, arguments(job.scenario, job.seed))
                    let summary = try? RunFileReader.summary(path: job.path)
                    outcomes.record(index, Outcome(status: result.status, stderr: result.stderr, summary: summary))
                    print("\(summary?.status.rawValue ?? "failed"): \(job.scenario) seed \(job.seed)  \(job.path)")
                    fflush(stdout)
                } catch {
                    outcomes.fail(error)
                }
            }
        }
        group.wait()
        if let error = outcomes.launchError { throw CLIError("cannot start a child nash: \(error)") }

        var results: [RunLauncher.Result] = []
        for (index, job) in queue.enumerated() {
            let label = "\(job.scenario) seed \(job.seed)"
            guard let outcome = outcomes.finished[index] else { continue }  // never started (Ctrl-C)
            guard let summary = outcome.summary else {
                let cause = outcome.stderr.split(separator: "\n").last.map(String.init) ?? "exited with status \(outcome.status)"
                throw CLIError("\(label): \(cause)")
            }
            results.append(RunLauncher.Result(label: label, path: job.path, status: summary.status,
                                              rounds: summary.lastRecordedStep ?? 0,
                                              curves: summary.curves.lastValues, cached: false))
        }
        return results
    }
}

/// How one child ended: its exit status, what it printed on stderr, and its run file read back (nil
/// when there is none to read).
private struct Outcome {
    var status: Int32
    var stderr: String
    var summary: RunSummary?
}

/// What the children reported, written from the pool's worker threads under a lock.
private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Int: Outcome] = [:]
    private var error: Error?

    func record(_ index: Int, _ outcome: Outcome) {
        lock.lock(); defer { lock.unlock() }
        results[index] = outcome
    }

    func fail(_ error: Error) {
        lock.lock(); defer { lock.unlock() }
        self.error = error
    }

    var finished: [Int: Outcome] { lock.lock(); defer { lock.unlock() }; return results }
    var launchError: Error? { lock.lock(); defer { lock.unlock() }; return error }
}
