import Foundation
import NashStore
import NashTestSupport
import Testing

/// kill -9 of a process recording a run (the child `NashRunFileCrashWriter`, Tests/Support/
/// RunFileCrashWriter): the file opens in h5py and in `RunFileReader`, holds exactly the records up to
/// a checkpoint, and `resume` finishes it with the digest of an uninterrupted run.
@Suite("Run file under kill -9", .serialized)
struct RunFileCrashTests {
    static let executable = "NashRunFileCrashWriter"

    /// The child executable, built by `swift build`/`swift test` next to the test binary.
    func crashWriter() throws -> String {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        // NB: on Linux the test binary sits in the products directory; on macOS inside a .xctest bundle.
        for _ in 0..<5 {
            let candidate = directory.appendingPathComponent(Self.executable).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        throw RunFileError(.notFound, file: CommandLine.arguments[0], "\(Self.executable) is not built next to the test binary")
    }

    /// A running child; reads its announcements line by line.
    final class Child {
        let process: ChildProcess
        private var buffer = ""
        private(set) var lines: [String] = []

        init(_ executable: String, _ arguments: [String]) throws {
            process = try ChildProcess(executable, arguments, input: .pipe)
        }

        /// Blocks until the child printed a line satisfying `done`, or exited; returns that line.
        @discardableResult
        func waitFor(_ done: (String) -> Bool) -> String? {
            while true {
                if let line = lines.first(where: done) { return line }
                let chunk = process.standardOutput!.availableData
                if chunk.isEmpty { return nil }
                buffer += String(decoding: chunk, as: UTF8.self)
                while let newline = buffer.firstIndex(of: "\n") {
                    lines.append(String(buffer[..<newline]))
                    buffer = String(buffer[buffer.index(after: newline)...])
                }
            }
        }

        /// SIGKILL; true if the signal is what ended the child.
        func kill() -> Bool {
            process.kill(SIGKILL)
            return process.wait() == .signalled(SIGKILL)
        }

        /// Waits for a normal exit; returns the status and standard error.
        func finish() -> (status: Int32, stderr: String) {
            waitFor { _ in false }
            let stderr = process.readToEnd().stderr
            return (process.wait().status, stderr)
        }
    }

    /// Runs the child to completion and returns the digest it announced.
    func complete(_ path: String, total: Int) throws -> String {
        let child = try Child(try crashWriter(), [path, String(total)])
        let line = child.waitFor { $0.hasPrefix("complete ") }
        let (status, stderr) = child.finish()
        #expect(status == 0, "\(stderr)")
        return try #require(line).dropFirst("complete ".count).description
    }

    /// h5py's view of a killed file: status and checkpoint steps.
    func h5pyView(_ path: String) throws -> String {
        let result = try runPython("""
            import sys, h5py
            f = h5py.File(sys.argv[1], "r")
            print(f.attrs["status"], sorted(map(int, f["checkpoints"])), f["curves/step"][-1])
            """, [path])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("killed after records past its 4th checkpoint: the file holds exactly the records up to it, and resume finishes it")
    func killAfterCheckpoint() throws {
        let scratch = Scratch()
        let reference = scratch.path("reference.h5"), killed = scratch.path("killed.h5")
        let expectedDigest = try complete(reference, total: 600)
        let full = try RunFileReader.read(path: reference)
        #expect(full.status == .complete && full.checkpoints.map(\.step) == [100, 200, 300, 400, 500, 600])

        let child = try Child(try crashWriter(), [killed, "600", "450"])
        #expect(child.waitFor { $0 == "stopped" } != nil, "the child ended before step 450")
        #expect(child.kill())
        #expect(child.lines == ["checkpoint 100", "checkpoint 200", "checkpoint 300", "checkpoint 400", "stopped"])

        #expect(try h5pyView(killed) == "running [100, 200, 300, 400] 400")
        let back = try RunFileReader.read(path: killed)
        #expect(back.status == .running)
        #expect(back.curves.steps.last == 400 && back.trajectorySteps.last == 400 && back.sampleSteps.last == 400)
        expectSameRecord(back, recordPrefix(full, upTo: 400))
        #expect(back.digest() == recordPrefix(full, upTo: 400).digest())

        let resumed = try complete(killed, total: 600)
        #expect(resumed == expectedDigest)
        let finished = try RunFileReader.read(path: killed)
        expectSameRecord(finished, full)
        #expect(!FileManager.default.fileExists(atPath: killed + ".partial"))
    }

    @Test("killed at an arbitrary moment of a long run: a readable prefix up to a checkpoint, which resume accepts")
    func killAnywhere() throws {
        let scratch = Scratch()
        let killed = scratch.path("killed.h5")
        let child = try Child(try crashWriter(), [killed, "1000000"])
        #expect(child.waitFor { $0 == "checkpoint 200" } != nil, "the child ended before its 2nd checkpoint")
        #expect(child.kill())

        let back = try RunFileReader.read(path: killed)
        let last = try #require(back.checkpoints.last?.step)
        #expect(last >= 200)
        #expect(back.checkpoints.map(\.step) == Array(stride(from: 100, through: last, by: 100)))
        #expect(back.curves.steps == Array(stride(from: 0, through: last, by: 5)))
        #expect(try h5pyView(killed).hasPrefix("running [100, 200"))

        // The same run stopped at `last` holds the same numbers (they do not depend on the length).
        let digest = try complete(scratch.path("reference.h5"), total: last)
        #expect(back.digest() == digest)

        let (run, record) = try RunFile.resume(path: killed)
        #expect(run.lastCheckpointStep == last)
        #expect(record.digest() == digest)
        run.discard()
    }
}
