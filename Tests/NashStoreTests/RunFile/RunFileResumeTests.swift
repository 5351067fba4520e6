import Foundation
import NashStore
import Testing

/// `RunFile.resume`: the cut back to the last checkpoint, and a continued run ending as an
/// uninterrupted one.
@Suite("Run file resume")
struct RunFileResumeTests {
    /// Records `events` into a new file, then flushes them all with `markInterrupted`, so that records
    /// after the last checkpoint reach the disk and the cut has something to cut.
    func interruptedFile(_ path: String, _ run: SyntheticRun, _ events: ArraySlice<SyntheticRun.Event>) throws {
        let file = try RunFile.create(path: path)
        try run.play(events, into: [file])
        try file.markInterrupted()
    }

    @Test("resume after the 2nd checkpoint keeps exactly the records up to its step; continuing gives the uninterrupted digest")
    func afterSecondCheckpoint() throws {
        let scratch = Scratch()
        let path = scratch.path("seed-7.h5")
        let run = SyntheticRun()
        let events = run.events
        let uninterrupted = RunRecord()
        try run.play(events, into: [uninterrupted])

        try interruptedFile(path, run, events[..<events.firstIndex(of: .curves(260))!])
        let before = try RunFileReader.read(path: path)
        #expect(before.curves.steps.last == 250)
        #expect(before.evals.steps.last == 250)
        #expect(before.trajectorySteps.last == 250)
        #expect(before.checkpoints.map(\.step) == [100, 200])

        let (resumed, record) = try RunFile.resume(path: path)
        #expect(resumed.lastCheckpointStep == 200)
        #expect(record.status == .running)
        #expect(record.checkpoints.last.map(sortedCheckpoint) == sortedCheckpoint(uninterrupted.checkpoints[1]))
        #expect(record.curves.steps == Array(stride(from: 0, through: 200, by: 10)))
        #expect(record.sampleSteps == [0, 100, 200])
        #expect(record.trajectorySteps == Array(stride(from: 0, through: 200, by: 25)))
        expectSameRecord(record, recordPrefix(uninterrupted, upTo: 200))
        // NB: the cut reaches the disk at the next flush point, not before.
        #expect(try RunFileReader.summary(path: path).status == .interrupted)
        #expect(try RunFileReader.summary(path: path).curves.lastStep == 250)

        try resumed.begin(run.header)   // the runner may begin again; same run, so accepted
        try run.play(events[(events.firstIndex(of: .checkpoint(200))! + 1)...], into: [resumed])
        let finished = try RunFileReader.read(path: path)
        #expect(finished.digest() == uninterrupted.digest())
        #expect(try RunFileReader.summary(path: path).digest == uninterrupted.digest())
        expectSameRecord(finished, uninterrupted)
    }

    @Test("a file without a checkpoint resumes from scratch, keeping the header, reference and latents")
    func withoutCheckpoint() throws {
        let scratch = Scratch()
        let path = scratch.path("seed-7.h5")
        let run = SyntheticRun()
        let events = run.events
        let uninterrupted = RunRecord()
        try run.play(events, into: [uninterrupted])
        try interruptedFile(path, run, events[..<events.firstIndex(of: .curves(60))!])
        #expect(try RunFileReader.read(path: path).curves.steps.count == 6)

        let (resumed, record) = try RunFile.resume(path: path)
        #expect(resumed.lastCheckpointStep == nil)
        #expect(record.checkpoints.isEmpty)
        #expect(record.curves.steps.isEmpty && record.evals.steps.isEmpty)
        #expect(record.sampleSteps.isEmpty && record.trajectorySteps.isEmpty)
        #expect(record.header == run.header)
        #expect(record.reference == uninterrupted.reference)
        #expect(record.sampleLatents == uninterrupted.sampleLatents)
        try run.play(events.dropFirst(3), into: [resumed])
        #expect(try RunFileReader.read(path: path).digest() == uninterrupted.digest())
    }

    @Test("resuming a complete run and finishing it again gives the same digest")
    func completeRun() throws {
        let scratch = Scratch()
        let path = scratch.path("seed-7.h5")
        let run = SyntheticRun()
        let memory = RunRecord()
        try run.play(run.events, into: [memory, try RunFile.create(path: path)])
        let (resumed, record) = try RunFile.resume(path: path)
        #expect(record.status == .running)
        #expect(record.diagnosisJSON == nil)
        #expect(record.checkpoints.last?.step == 300)
        #expect(record.digest() == memory.digest())   // the last checkpoint is at the last step
        try resumed.finish(status: .complete, diagnosisJSON: SyntheticRun.diagnosis)
        #expect(try RunFileReader.summary(path: path).digest == memory.digest())
    }

    @Test("a resumed file refuses to begin another run, and a discarded resume leaves the file unchanged")
    func otherRun() throws {
        let scratch = Scratch()
        let path = scratch.path("seed-7.h5")
        let run = SyntheticRun()
        let events = run.events
        try interruptedFile(path, run, events[..<events.firstIndex(of: .curves(150))!])
        let (resumed, _) = try RunFile.resume(path: path)
        var other = run.header
        other.seed = 8
        let error = try #require(throws: RunFileError.self) { try resumed.begin(other) }
        #expect(error.kind == .invalidRecord)
        #expect(error.description.contains("seed 7") && error.description.contains("seed 8"))
        resumed.discard()
        let back = try RunFileReader.read(path: path)
        #expect(back.status == .interrupted)
        #expect(back.curves.steps.last == 140)
    }
}
