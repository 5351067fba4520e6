import Foundation
import NashStore
import Testing

/// A made-up run, recorded in the order a runner records: begin, reference, latents, then per step
/// curves, evals, samples, trajectory and checkpoint at their cadences, then finish. Every number is a
/// pure function of (step, name), so two recorders fed the same events hold the same numbers.
///
/// The curves carry the awkward values a real run meets: NaN and infinities (a divergence), -0,
/// subnormals; names carry nesting and non-ASCII characters.
struct SyntheticRun {
    enum Event: Equatable {
        case begin, reference, latents
        case curves(Int), evals(Int), samples(Int), trajectory(Int), checkpoint(Int)
        case finish
    }

    var totalSteps = 300
    var checkpointEvery = 100

    let header = RunHeader(scenario: "ring8 — naïve σ", seed: 7,
                           specJSON: #"{"name":"ring8","data":{"ring":{"modes":8,"std":0.02}},"σ":"ü"}"#,
                           specHash: String(repeating: "ab", count: 32),
                           source: "import Nash\n\nlet ring = Scenario(\"ring8\") { … }\n",
                           totalSteps: 300, nashVersion: "0.1.0", swiftVersion: "6.3.1",
                           kernel: "avx2-fma 6x16", created: "2025-01-02T03:04:05Z")
    static let curveNames = ["loss/D", "loss/G", "D/real", "D/fake", "D/accuracy", "gradnorm/G", "gradnorm/D",
                             "wasserstein-ŵ"]
    static let evalNames = ["modes", "high_quality", "reverse_kl"]
    static let generatorShapes: [(String, [Int])] = [("dense0/weight", [4, 8]), ("dense0/bias", [8]),
                                                     ("dense1/weight", [8, 2]), ("dense1/bias", [2])]
    static let discriminatorShapes: [(String, [Int])] = [("dense0/weight", [2, 8]), ("dense0/bias", [8]),
                                                         ("out/weight", [8, 1]), ("out/bias", [1])]
    static let diagnosis = #"[{"kind":"mode_collapse","steps":[100,300],"evidence":"modes 1/8"}]"#

    var events: [Event] {
        var events: [Event] = [.begin, .reference, .latents]
        for step in 0...totalSteps {
            if step % 10 == 0 { events.append(.curves(step)) }
            if step % 50 == 0 { events.append(.evals(step)) }
            if step % 100 == 0 { events.append(.samples(step)) }
            if step % 25 == 0 { events.append(.trajectory(step)) }
            if step > 0 && step % checkpointEvery == 0 { events.append(.checkpoint(step)) }
        }
        return events + [.finish]
    }

    /// Feeds `events` to every recorder in turn.
    func play(_ events: some Sequence<Event>, into recorders: [RunRecorder]) throws {
        for event in events {
            for recorder in recorders { try play(event, into: recorder) }
        }
    }

    func play(_ event: Event, into recorder: RunRecorder) throws {
        switch event {
        case .begin: try recorder.begin(header)
        case .reference: try recorder.setReference(array("reference", [64, 2], seed: 1))
        case .latents: try recorder.setSampleLatents(array("z", [16, 4], seed: 2))
        case .curves(let step): try recorder.appendCurves(step: step, Self.curves(step))
        case .evals(let step):
            try recorder.appendEvals(step: step, Dictionary(uniqueKeysWithValues: Self.evalNames.enumerated().map {
                ($1, Double(step) / 7 + Double($0))
            }))
        case .samples(let step): try recorder.appendSamples(step: step, array("x", [16, 2], seed: 1000 + step))
        case .trajectory(let step):
            try recorder.appendTrajectory(step: step, generator: network(Self.generatorShapes, seed: 10 * step),
                                          discriminator: network(Self.discriminatorShapes, seed: 10 * step + 5))
        case .checkpoint(let step): try recorder.checkpoint(checkpoint(step))
        case .finish: try recorder.finish(status: .complete, diagnosisJSON: Self.diagnosis)
        }
    }

    static func curves(_ step: Int) -> [String: Double] {
        var row: [String: Double] = [:]
        for (index, name) in curveNames.enumerated() {
            row[name] = Double(bitPattern: Self.mix(UInt64(step), UInt64(index)) >> 2) // finite, any exponent
        }
        row["loss/D"] = Double(step) * 0.001 - 0.3
        if step == 120 { row["gradnorm/G"] = .nan }
        if step == 130 { row["gradnorm/G"] = -.infinity }
        if step == 140 { row["D/real"] = -0.0 }
        if step == 150 { row["D/fake"] = .leastNonzeroMagnitude }
        return row
    }

    func checkpoint(_ step: Int) -> CheckpointRecord {
        let moments = Self.generatorShapes.flatMap { name, shape in
            [array("generator/\(name)/m", shape, seed: step + 1), array("generator/\(name)/v", shape, seed: step + 2)]
        }
        return CheckpointRecord(step: step, generator: network(Self.generatorShapes, seed: 10 * step),
                                discriminator: network(Self.discriminatorShapes, seed: 10 * step + 5),
                                optimizer: moments + [NamedArray(name: "discriminator/steps", shape: [1], values: [Float(step)]),
                                                      NamedArray(name: "generator/t", shape: [], values: [Float(step) / 2])])
    }

    func network(_ shapes: [(String, [Int])], seed: Int) -> [NamedArray] {
        shapes.enumerated().map { index, entry in array(entry.0, entry.1, seed: seed * 16 + index) }
    }

    func array(_ name: String, _ shape: [Int], seed: Int) -> NamedArray {
        let count = shape.reduce(1, *)
        return NamedArray(name: name, shape: shape, values: (0..<count).map { index in
            Float(Int64(bitPattern: Self.mix(UInt64(seed), UInt64(index))) % 1_000_003) / 9973
        })
    }

    /// SplitMix64 of two words: a stable stand-in for randomness (Swift's `hashValue` is per-process).
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var z = a &* 0x9E37_79B9_7F4A_7C15 &+ b &+ 0x6A09_E667_F3BC_C909
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The record a run held right after its checkpoint at `step` (nothing step-indexed when nil), status
/// "running": what a resumed file must hold after the cut.
func recordPrefix(_ record: RunRecord, upTo step: Int?) -> RunRecord {
    let cut = RunRecord()
    let limit = step ?? Int.min
    cut.header = record.header
    cut.reference = record.reference
    cut.sampleLatents = record.sampleLatents
    for (source, keep) in [(record.curves, \RunRecord.curves), (record.evals, \RunRecord.evals)] {
        let rows = source.steps.filter { $0 <= limit }.count
        var series = RunRecord.Series()
        if rows > 0 {
            series.steps = Array(source.steps.prefix(rows))
            series.values = source.values.mapValues { Array($0.prefix(rows)) }
        }
        cut[keyPath: keep] = series
    }
    let samples = record.sampleSteps.filter { $0 <= limit }.count
    cut.sampleSteps = Array(record.sampleSteps.prefix(samples))
    cut.samples = Array(record.samples.prefix(samples))
    let trajectory = record.trajectorySteps.filter { $0 <= limit }.count
    cut.trajectorySteps = Array(record.trajectorySteps.prefix(trajectory))
    cut.trajectory = Array(record.trajectory.prefix(trajectory))
    cut.checkpoints = record.checkpoints.filter { $0.step <= limit }
    return cut
}

/// Every field of two records, numbers compared bit for bit and arrays in name order.
func expectSameRecord(_ actual: RunRecord, _ expected: RunRecord, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.header == expected.header, sourceLocation: sourceLocation)
    #expect(actual.status == expected.status, sourceLocation: sourceLocation)
    #expect(actual.diagnosisJSON == expected.diagnosisJSON, sourceLocation: sourceLocation)
    #expect(actual.reference == expected.reference, sourceLocation: sourceLocation)
    #expect(actual.sampleLatents == expected.sampleLatents, sourceLocation: sourceLocation)
    for (a, e, label) in [(actual.curves, expected.curves, "curves"), (actual.evals, expected.evals, "evals")] {
        #expect(a.steps == e.steps, "\(label) steps", sourceLocation: sourceLocation)
        #expect(a.values.mapValues { $0.map(\.bitPattern) } == e.values.mapValues { $0.map(\.bitPattern) },
                "\(label) values", sourceLocation: sourceLocation)
    }
    #expect(actual.sampleSteps == expected.sampleSteps, sourceLocation: sourceLocation)
    #expect(actual.samples == expected.samples, sourceLocation: sourceLocation)
    #expect(actual.trajectorySteps == expected.trajectorySteps, sourceLocation: sourceLocation)
    #expect(actual.trajectory.map { byName($0.generator) } == expected.trajectory.map { byName($0.generator) },
            sourceLocation: sourceLocation)
    #expect(actual.trajectory.map { byName($0.discriminator) } == expected.trajectory.map { byName($0.discriminator) },
            sourceLocation: sourceLocation)
    #expect(actual.checkpoints.map(sortedCheckpoint) == expected.checkpoints.map(sortedCheckpoint),
            sourceLocation: sourceLocation)
}

func byName(_ arrays: [NamedArray]) -> [NamedArray] {
    arrays.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
}

func sortedCheckpoint(_ c: CheckpointRecord) -> CheckpointRecord {
    CheckpointRecord(step: c.step, generator: byName(c.generator), discriminator: byName(c.discriminator),
                     optimizer: byName(c.optimizer))
}
