import Foundation
import NashStore
import Testing

/// A run recorded into a `RunFile` and a `RunRecord` at once: same numbers, same digest.
@Suite("Run file round trip")
struct RunFileRoundTripTests {
    @Test("the file's digest equals the in-memory digest, and the read-back record equals the original")
    func roundTrip() throws {
        let scratch = Scratch()
        let path = scratch.path("results/ring8/abababab/seed-7.h5")   // parent directories are created
        let run = SyntheticRun()
        let memory = RunRecord()
        let file = try RunFile.create(path: path)
        try run.play(run.events, into: [memory, file])

        let back = try RunFileReader.read(path: path)
        #expect(back.status == .complete)
        #expect(back.checkpoints.map(\.step) == [100, 200, 300])
        #expect(back.curves.steps.count == 31)
        #expect(back.curves.values["gradnorm/G"]?[12].isNaN == true)
        expectSameRecord(back, memory)

        let digest = memory.digest()
        #expect(back.digest() == digest)
        let stored = try H5File(path: path).attribute("digest_sha256", as: String.self)
        #expect(stored == digest)
        #expect(digest.count == 64)
    }

    @Test("one changed number changes the digest the file stores")
    func digestSeesNumbers() throws {
        let scratch = Scratch()
        let run = SyntheticRun()
        var digests: [String] = []
        for variant in 0..<2 {
            let path = scratch.path("seed-\(variant).h5")
            let file = try RunFile.create(path: path)
            for event in run.events {
                if variant == 1, event == .curves(200) {
                    var row = SyntheticRun.curves(200)
                    row["loss/G"] = row["loss/G"]!.nextUp
                    try file.appendCurves(step: 200, row)
                } else {
                    try run.play(event, into: file)
                }
            }
            digests.append(try RunFileReader.summary(path: path).digest ?? "")
        }
        #expect(digests[0].count == 64)
        #expect(digests[0] != digests[1])
    }

    @Test("summary: header, status, curve names and last values, checkpoints, diagnosis")
    func summary() throws {
        let scratch = Scratch()
        let path = scratch.path("seed-7.h5")
        let run = SyntheticRun()
        let memory = RunRecord()
        try run.play(run.events, into: [memory, try RunFile.create(path: path)])
        let summary = try RunFileReader.summary(path: path)
        #expect(summary.header == run.header)
        #expect(summary.status == .complete)
        #expect(summary.digest == memory.digest())
        #expect(summary.curves.names == SyntheticRun.curveNames.sorted())
        #expect(summary.curves.count == 31)
        #expect(summary.curves.lastStep == 300)
        #expect(summary.curves.lastValues.mapValues(\.bitPattern) == SyntheticRun.curves(300).mapValues(\.bitPattern))
        #expect(summary.evals.names == ["high_quality", "modes", "reverse_kl"])
        #expect(summary.evals.lastValues["modes"] == 300.0 / 7)
        #expect(summary.sampleSteps == [0, 100, 200, 300])
        #expect(summary.checkpointSteps == [100, 200, 300])
        #expect(summary.diagnosisJSON == SyntheticRun.diagnosis)
        #expect(summary.lastRecordedStep == 300)
    }

    @Test("a file is on disk, status running, from begin on; records wait for the next flush point")
    func flushPoints() throws {
        let scratch = Scratch()
        let path = scratch.path("seed-7.h5")
        let run = SyntheticRun()
        let file = try RunFile.create(path: path)
        #expect(!FileManager.default.fileExists(atPath: path))
        let events = run.events
        let firstCheckpoint = events.firstIndex(of: .checkpoint(100))!
        try run.play(events[..<3], into: [file])
        #expect(try RunFileReader.summary(path: path).status == .running)
        try run.play(events[3..<firstCheckpoint], into: [file])
        #expect(try RunFileReader.read(path: path).curves.steps.isEmpty)
        try run.play(events[firstCheckpoint...firstCheckpoint], into: [file])
        let flushed = try RunFileReader.read(path: path)
        #expect(flushed.curves.steps == Array(stride(from: 0, through: 100, by: 10)))
        #expect(flushed.checkpoints.map(\.step) == [100])
        #expect(flushed.status == .running)
        file.discard()
    }

    @Test("markInterrupted flushes what was recorded, with status interrupted")
    func interrupted() throws {
        let scratch = Scratch()
        let path = scratch.path("seed-7.h5")
        let run = SyntheticRun()
        let file = try RunFile.create(path: path)
        let events = run.events
        try run.play(events[..<events.firstIndex(of: .curves(150))!], into: [file])
        try file.markInterrupted()
        let back = try RunFileReader.read(path: path)
        #expect(back.status == .interrupted)
        #expect(back.curves.steps.last == 140)
        #expect(back.checkpoints.map(\.step) == [100])
        #expect(try RunFileReader.summary(path: path).digest == nil)
        #expect(throws: RunFileError.self) { try file.appendCurves(step: 150, SyntheticRun.curves(150)) }
    }
}
