import Foundation
import NashStore
import Testing

/// Files that are not readable run files give one error line naming the file and the cause, from
/// `read`, `summary` and `resume` alike.
@Suite("Run file validation")
struct RunFileErrorTests {
    /// The error each entry point gives for `path`; they must agree.
    func errors(_ path: String) -> [RunFileError] {
        var errors: [RunFileError] = []
        for attempt in [{ _ = try RunFileReader.read(path: path) },
                        { _ = try RunFileReader.summary(path: path) },
                        { _ = try RunFile.resume(path: path) }] as [() throws -> Void] {
            do {
                try attempt()
            } catch let error as RunFileError {
                errors.append(error)
            } catch {
                Issue.record("\(error) is not a RunFileError")
            }
        }
        return errors
    }

    func expectError(_ path: String, _ kind: RunFileError.Kind, _ cause: String,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        let found = errors(path)
        #expect(found.count == 3, "an entry point accepted \(path)", sourceLocation: sourceLocation)
        for error in found {
            #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
            #expect(error.description.hasPrefix(path + ": "), "\(error)", sourceLocation: sourceLocation)
            #expect(error.description.contains(cause), "\(error)", sourceLocation: sourceLocation)
            #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
        }
    }

    func completeRun(_ path: String) throws {
        let run = SyntheticRun()
        try run.play(run.events, into: [try RunFile.create(path: path)])
    }

    @Test("missing file, directory, empty file, text file")
    func notHDF5() throws {
        let scratch = Scratch()
        expectError(scratch.path("missing.h5"), .notFound, "no such file")
        expectError(scratch.url.path, .notFound, "is a directory")
        let empty = scratch.path("empty.h5")
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        expectError(empty, .notHDF5, "empty file")
        let text = scratch.path("notes.h5")
        try "step,loss\n0,0.69\n".write(toFile: text, atomically: true, encoding: .utf8)
        expectError(text, .notHDF5, "not an HDF5 file")
    }

    @Test("an HDF5 file that is not a Nash run, or of another format version")
    func notARun() throws {
        let scratch = Scratch()
        let plain = scratch.path("plain.h5")
        let file = try H5File(path: plain, mode: .create)
        try file.write("x", [1, 2, 3] as [Float])
        try file.close()
        expectError(plain, .notARunFile, "not a Nash run file (no \"format\" attribute)")

        let other = scratch.path("other.h5")
        let otherFile = try H5File(path: other, mode: .create)
        try otherFile.setAttribute("format", "keras-model")
        try otherFile.close()
        expectError(other, .notARunFile, "format is \"keras-model\", not \"nash-run\"")

        let future = scratch.path("future.h5")
        try completeRun(future)
        let futureFile = try H5File(path: future, mode: .readWrite)
        try futureFile.setAttribute("format_version", 2)
        try futureFile.close()
        expectError(future, .unsupportedVersion, "format_version 2 is not supported (this Nash reads 1)")
    }

    @Test("a truncated run file")
    func truncated() throws {
        let scratch = Scratch()
        let path = scratch.path("seed-7.h5")
        try completeRun(path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.count > 20_000)
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        expectError(path, .damaged, "damaged or truncated HDF5 file (HDF5: truncated file")
    }

    @Test("a run file whose content breaks the layout")
    func brokenLayout() throws {
        let scratch = Scratch()
        let path = scratch.path("seed-7.h5")
        try completeRun(path)
        let file = try H5File(path: path, mode: .readWrite)
        try file.dataset("curves/loss/G").resize(rows: 5)
        try file.setAttribute("status", "paused")
        try file.close()
        let read = try #require(throws: RunFileError.self) { try RunFileReader.read(path: path) }
        #expect(read.kind == .damaged)
        #expect(read.description.hasPrefix(path + ": damaged run file: "))
        #expect(read.description.contains("status \"paused\" is not one of running, complete, interrupted, diverged"))

        let reopened = try H5File(path: path, mode: .readWrite)
        try reopened.setAttribute("status", "running")
        try reopened.close()
        let short = try #require(throws: RunFileError.self) { try RunFileReader.read(path: path) }
        #expect(short.description == path + ": damaged run file: /curves/loss/G holds 5 rows for 31 steps")
    }
}
