import Foundation
import NashStore
import NashTestSupport
import Testing

/// The crash-safe writer under SIGKILL: the child `NashStoreCrashWriter` (Tests/Support/CrashWriter)
/// appends records and commits in a loop; we kill it at pseudo-random moments and check that every file
/// opens (our reader, h5py) and holds a consistent prefix: every record of the last commit it announced,
/// at most one commit more, and nothing partial.
@Suite("Crash safety", .serialized)
struct CrashSafetyTests {
    static let perCommit = 40

    /// The child executable, built by `swift build`/`swift test` next to the test binary.
    func crashWriter() throws -> String {
        let name = "NashStoreCrashWriter"
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        // NB: on Linux the test binary sits in the products directory; on macOS inside a .xctest bundle.
        for _ in 0..<5 {
            let candidate = directory.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        throw H5Error(kind: .notFound, summary: "\(name) not built next to the test binary",
                      file: CommandLine.arguments[0], object: nil, stack: [])
    }

    /// A running child and the "committed N" lines it printed.
    final class Child {
        let process: ChildProcess
        var text = ""

        init(_ executable: String, _ arguments: [String]) throws {
            process = try ChildProcess(executable, arguments)
        }

        /// Blocks until the child printed "committing" for the `commit`-th time (counting from 1), or
        /// exited.
        func waitUntilCommitting(_ commit: Int) {
            while text.components(separatedBy: "committing").count - 1 < commit {
                let chunk = process.standardOutput!.availableData
                if chunk.isEmpty { return }   // the child exited
                text += String(decoding: chunk, as: UTF8.self)
            }
        }

        /// SIGKILL, then everything it printed; returns the last announced record count.
        func kill() -> (lastCommitted: Int64?, killed: Bool, stderr: String) {
            process.kill(SIGKILL)
            let (stdout, stderr) = process.readToEnd()
            text += stdout
            let killed = process.wait() == .signalled(SIGKILL)
            let last = text.split(separator: "\n").last { $0.hasPrefix("committed ") }
                .flatMap { Int64($0.dropFirst("committed ".count)) }
            return (last, killed, stderr)
        }
    }

    /// Checks the file with our reader; returns its record count.
    func verify(_ path: String) throws -> Int64 {
        let file = try H5File(path: path)
        #expect(try file.attribute("format", as: String.self) == "nash-run")
        #expect(try file.attribute("status", as: String.self) == "running")
        let records = try file.attribute("records", as: Int64.self)
        let n = Int(records)
        #expect(n % Self.perCommit == 0, "\(path): \(n) records is not a whole number of commits")
        #expect(try file.read("curves/step", as: Int64.self).values == (0..<records).map { $0 })
        #expect(try file.read("curves/loss/D", as: Double.self).values == (0..<n).map { Double($0) / 2 })
        #expect(try file.read("curves/loss/G", as: Double.self).values == (0..<n).map { -Double($0) })
        let samples = try file.read("samples/x", as: Float.self, rank: 3)
        #expect(samples.shape == [n, 4, 2])
        #expect(samples.values == (0..<n * 8).map(Float.init))
        let checkpoints = try file.exists("checkpoints") ? try file.group("checkpoints").members() : []
        #expect(checkpoints.count == n / (3 * Self.perCommit), "\(path): checkpoints \(checkpoints.map(\.name))")
        for checkpoint in checkpoints {
            let step = try #require(Int64(checkpoint.name))
            #expect(step <= records && step % Int64(3 * Self.perCommit) == 0)
            let group = try file.group("checkpoints/\(checkpoint.name)")
            #expect(try group.attribute("step", as: Int64.self) == step)
            #expect(try group.read("generator/w", as: Float.self)
                    == H5Array(shape: [64, 64], values: [Float](repeating: Float(step), count: 4096)))
        }
        return records
    }

    /// The same invariants checked by h5py; prints "ok N" per file.
    static let h5pyCheck = #"""
    import sys, h5py, numpy as np
    per = int(sys.argv[1])
    for path in sys.argv[2:]:
        try:
            with h5py.File(path, "r") as f:
                n = int(f.attrs["records"])
                assert f.attrs["status"] == "running" and n % per == 0
                assert (f["curves/step"][()] == np.arange(n)).all() and f["curves/step"].shape == (n,)
                assert (f["curves/loss/D"][()] == np.arange(n) / 2).all() and f["curves/loss/D"].shape == (n,)
                assert (f["curves/loss/G"][()] == -np.arange(n)).all() and f["curves/loss/G"].shape == (n,)
                x = f["samples/x"][()]
                assert x.shape == (n, 4, 2) and (x.ravel() == np.arange(n * 8)).all()
                groups = list(f["checkpoints"]) if "checkpoints" in f else []
                assert len(groups) == n // (3 * per)
                for name in groups:
                    assert (f["checkpoints"][name]["generator/w"][()] == float(name)).all()
                print("ok", n)
        except Exception as e:
            print("FAIL", path, repr(e))
    """#

    /// One kill of one child: start it (`new` or `resume`), wait until it starts its `commit`-th commit
    /// (the first is the new file's empty one), wait `delay` µs more, SIGKILL it.
    struct Round {
        var mode: String
        var commit: Int
        var delay: UInt32
    }

    struct Outcome {
        var announced: Int64?
        var killed: Bool
        var stderr: String
    }

    static func play(_ rounds: [Round], path: String, executable: String) -> [Outcome] {
        rounds.map { round in
            guard let child = try? Child(executable, [round.mode, path, String(perCommit)]) else {
                return Outcome(announced: nil, killed: false, stderr: "cannot start \(executable)")
            }
            child.waitUntilCommitting(round.commit)
            usleep(round.delay)
            let result = child.kill()
            return Outcome(announced: result.lastCommitted, killed: result.killed, stderr: result.stderr)
        }
    }

    /// Outcomes of the trials, written by the worker threads.
    final class Outcomes: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [[Outcome]]
        init(count: Int) { values = Array(repeating: [], count: count) }
        subscript(trial: Int) -> [Outcome] {
            get { lock.lock(); defer { lock.unlock() }; return values[trial] }
            set { lock.lock(); defer { lock.unlock() }; values[trial] = newValue }
        }
    }

    @Test("HDF5 prints nothing to stderr, on any thread; the errors carry its messages instead")
    func silentErrors() throws {
        let scratch = Scratch()
        let result = try runProgram(try crashWriter(), ["errors", scratch.path("quiet.h5"), "1"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 8)
        for label in ["main", "thread"] {
            #expect(lines.contains { $0.hasPrefix("\(label): ") && $0.contains("no such file") })
            #expect(lines.contains { $0.hasPrefix("\(label): ") && $0.contains("file signature not found") })
            #expect(lines.contains { $0.hasPrefix("\(label): ") && $0.contains("the root group exists") })
            #expect(lines.contains { $0.hasPrefix("\(label): ") && $0.contains("no write intent on file") })
        }
    }

    @Test("kill -9 at random moments leaves files that hold exactly a committed prefix")
    func killNine() throws {
        let executable = try crashWriter()
        let scratch = Scratch()
        var random = SplitMix64(seed: 20_240_601)
        // 24 files; every fourth is resumed after the first kill and killed again. Half the kills come
        // within 1.5 ms of the start of a commit (taking the image, writing, syncing: where a
        // non-atomic commit would leave a torn file), the others anywhere in 60 ms of appending.
        let trials: [[Round]] = (0..<24).map { trial in
            (trial % 4 == 3 ? ["new", "resume"] : ["new"]).map { mode in
                Round(mode: mode, commit: (mode == "new" ? 2 : 1) + Int(random.next(below: 6)),
                      delay: UInt32(random.next(below: trial % 2 == 0 ? 1_500 : 60_000)))
            }
        }
        let paths = trials.indices.map { scratch.path("run-\($0).h5") }

        // NB: four trials at a time: a child mostly waits for fsync, so this shortens the test without
        // changing what each child sees. Issues are recorded below, on the test's own thread.
        let outcomes = Outcomes(count: trials.count)
        let workers = 4
        let group = DispatchGroup()
        for worker in 0..<workers {
            group.enter()
            Thread {
                for trial in stride(from: worker, to: trials.count, by: workers) {
                    outcomes[trial] = Self.play(trials[trial], path: paths[trial], executable: executable)
                }
                group.leave()
            }.start()
        }
        group.wait()

        var recordCounts: [Int64] = []
        for (trial, rounds) in trials.enumerated() {
            var announced: Int64 = 0
            for (round, outcome) in zip(rounds, outcomes[trial]) {
                #expect(outcome.killed, "trial \(trial) \(round.mode): the child ended by itself: \(outcome.stderr)")
                let last = try #require(outcome.announced, "trial \(trial) \(round.mode): no commit announced")
                #expect(last >= announced + Int64((round.commit - (round.mode == "new" ? 2 : 1)) * Self.perCommit))
                announced = last
            }
            let records = try verify(paths[trial])
            // Every announced commit is in the file; at most one more landed between rename and print.
            #expect(records == announced || records == announced + Int64(Self.perCommit),
                    "trial \(trial): file holds \(records) records, child announced \(announced)")
            recordCounts.append(records)
        }
        let check = try runPython(Self.h5pyCheck, [String(Self.perCommit)] + paths)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.split(separator: "\n").map(String.init) == recordCounts.map { "ok \($0)" })
    }
}

/// Steele, Lea & Flood's SplitMix64 (OOPSLA 2014): a seeded generator, so the kill moments repeat.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: UInt64) -> UInt64 { next() % bound }
}
