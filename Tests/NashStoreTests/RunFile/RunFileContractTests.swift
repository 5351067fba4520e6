import Foundation
import NashStore
import Testing

/// Calls against the `RunRecorder` contract fail with `.invalidRecord` and a message naming the part,
/// and leave the recorder usable.
@Suite("Run file recorder contract")
struct RunFileContractTests {
    func begun(_ scratch: Scratch) throws -> RunFile {
        let file = try RunFile.create(path: scratch.path("seed-7.h5"))
        try file.begin(SyntheticRun().header)
        return file
    }

    func expectInvalid(_ fragment: String, sourceLocation: SourceLocation = #_sourceLocation,
                       _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("no error; expected one about \(fragment)", sourceLocation: sourceLocation)
        } catch let error as RunFileError {
            #expect(error.kind == .invalidRecord, "\(error)", sourceLocation: sourceLocation)
            #expect(error.description.contains(fragment), "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(error) is not a RunFileError", sourceLocation: sourceLocation)
        }
    }

    @Test("steps must increase, and every row has the curve names of the first")
    func series() throws {
        let scratch = Scratch()
        let file = try begun(scratch)
        try file.appendCurves(step: 10, ["loss/D": 1, "loss/G": 2])
        expectInvalid("steps must increase") { try file.appendCurves(step: 10, ["loss/D": 1, "loss/G": 2]) }
        expectInvalid("not the [\"loss/D\", \"loss/G\"]") { try file.appendCurves(step: 20, ["loss/D": 1]) }
        try file.appendCurves(step: 20, ["loss/D": 3, "loss/G": 4])
        try file.finish(status: .complete, diagnosisJSON: nil)
        let back = try RunFileReader.read(path: file.path)
        #expect(back.curves.steps == [10, 20])
        #expect(back.curves.values == ["loss/D": [1, 3], "loss/G": [2, 4]])
    }

    @Test("names that cannot become HDF5 paths are refused")
    func names() throws {
        let scratch = Scratch()
        let file = try begun(scratch)
        expectInvalid("reserved") { try file.appendCurves(step: 0, ["step": 1]) }
        expectInvalid("cannot be both a dataset and the group") { try file.appendCurves(step: 0, ["loss": 1, "loss/D": 2]) }
        expectInvalid("empty path component") { try file.appendEvals(step: 0, ["a//b": 1]) }
        expectInvalid("\"..\"") { try file.appendEvals(step: 0, ["../x": 1]) }
        let w = NamedArray(name: "w", shape: [1], values: [0])
        expectInvalid("appears twice") { try file.appendTrajectory(step: 0, generator: [w, w], discriminator: []) }
        expectInvalid("appears twice") {
            try file.checkpoint(CheckpointRecord(step: 0, generator: [], discriminator: [w, w], optimizer: []))
        }
    }

    @Test("shapes and names of rows stay those of the first row")
    func shapes() throws {
        let scratch = Scratch()
        let file = try begun(scratch)
        try file.appendSamples(step: 0, NamedArray(name: "x", shape: [2, 2], values: [1, 2, 3, 4]))
        expectInvalid("shape [1, 2], not [2, 2]") {
            try file.appendSamples(step: 1, NamedArray(name: "x", shape: [1, 2], values: [1, 2]))
        }
        expectInvalid("named \"y\"") { try file.appendSamples(step: 1, NamedArray(name: "y", shape: [2, 2], values: [1, 2, 3, 4])) }
        try file.appendTrajectory(step: 0, generator: [NamedArray(name: "w", shape: [2], values: [1, 2])], discriminator: [])
        expectInvalid("shape [3], not [2]") {
            try file.appendTrajectory(step: 1, generator: [NamedArray(name: "w", shape: [3], values: [1, 2, 3])], discriminator: [])
        }
    }

    @Test("a checkpoint may not precede a record already made, nor an earlier checkpoint")
    func checkpointOrder() throws {
        let scratch = Scratch()
        let file = try begun(scratch)
        let state = SyntheticRun().checkpoint(100)
        try file.appendCurves(step: 110, ["loss/D": 1])
        expectInvalid("after /curves recorded step 110") { try file.checkpoint(state) }
        var later = state
        later.step = 110
        try file.checkpoint(later)
        expectInvalid("after the checkpoint at step 110") { try file.checkpoint(later) }
        #expect(file.lastCheckpointStep == 110)
        #expect(try RunFileReader.read(path: file.path).checkpoints.map(\.step) == [110])
    }

    @Test("records before begin, or after finish, are refused")
    func lifecycle() throws {
        let scratch = Scratch()
        let file = try RunFile.create(path: scratch.path("seed-7.h5"))
        expectInvalid("before begin") { try file.appendCurves(step: 0, ["loss/D": 1]) }
        try file.begin(SyntheticRun().header)
        try file.finish(status: .diverged, diagnosisJSON: "[]")
        expectInvalid("after the run file was finished") { try file.appendCurves(step: 0, ["loss/D": 1]) }
        let summary = try RunFileReader.summary(path: file.path)
        #expect(summary.status == .diverged)
        #expect(summary.digest == nil)   // only complete runs carry a digest
    }

    @Test("create refuses an existing file unless replacing")
    func createExisting() throws {
        let scratch = Scratch()
        let path = scratch.path("seed-7.h5")
        let run = SyntheticRun()
        try run.play(run.events, into: [try RunFile.create(path: path)])
        let error = try #require(throws: RunFileError.self) { try RunFile.create(path: path) }
        #expect(error.description.hasPrefix(path + ": "))
        #expect(error.description.contains("exists"))
        let fresh = try RunFile.create(path: path, replacing: true)
        try fresh.begin(run.header)
        try fresh.finish(status: .complete, diagnosisJSON: nil)
        #expect(try RunFileReader.read(path: path).curves.steps.isEmpty)
    }
}
