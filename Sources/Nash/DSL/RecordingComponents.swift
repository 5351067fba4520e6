/// Anything that can appear in a `Record { … }` body; each sets one part of `Recording` and can
/// also stand alone in a scenario or variant body.
public protocol RecordingComponent: ScenarioComponent {
    func apply(to recording: inout Recording)
}

extension RecordingComponent {
    public func apply(to scenario: inout Scenario) { apply(to: &scenario.recording) }
}

/// The result builder of `Record { … }`.
@resultBuilder
public enum RecordingBuilder {
    public static func buildExpression(_ component: any RecordingComponent) -> [any RecordingComponent] { [component] }
    public static func buildBlock(_ parts: [any RecordingComponent]...) -> [any RecordingComponent] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [any RecordingComponent]?) -> [any RecordingComponent] { part ?? [] }
    public static func buildEither(first part: [any RecordingComponent]) -> [any RecordingComponent] { part }
    public static func buildEither(second part: [any RecordingComponent]) -> [any RecordingComponent] { part }
    public static func buildArray(_ parts: [[any RecordingComponent]]) -> [any RecordingComponent] { parts.flatMap { $0 } }
    public static func buildLimitedAvailability(_ part: [any RecordingComponent]) -> [any RecordingComponent] { part }
}

/// Applies its items in order; items it does not mention keep their values (so a variant's
/// `Record { Checkpoint(every: 100) }` changes only the checkpoint cadence).
public struct Record: ScenarioComponent {
    public var items: [any RecordingComponent]
    public init(@RecordingBuilder _ body: () -> [any RecordingComponent]) { items = body() }
    public func apply(to scenario: inout Scenario) {
        for item in items { item.apply(to: &scenario.recording) }
    }
}

/// Training curves every `every` rounds.
public struct Curves: RecordingComponent {
    public var every: Int
    public init(every: Int) { self.every = every }
    public func apply(to recording: inout Recording) { recording.curvesEvery = every }
}

/// Evaluate `metrics` every `every` rounds on `samples` fresh samples.
public struct Evaluate: RecordingComponent {
    public var evaluation: Evaluation
    public init(_ metrics: Metric..., every: Int, samples: Int) {
        evaluation = Evaluation(metrics: metrics, every: every, samples: samples)
    }
    public func apply(to recording: inout Recording) { recording.evaluation = evaluation }
}

/// Snapshots of G on `count` fixed latents every `every` rounds.
public struct Samples: RecordingComponent {
    public var snapshots: SampleSnapshots
    public init(_ count: Int, every: Int) { snapshots = SampleSnapshots(count: count, every: every) }
    public func apply(to recording: inout Recording) { recording.samples = snapshots }
}

/// A checkpoint every `every` rounds.
public struct Checkpoint: RecordingComponent {
    public var every: Int
    public init(every: Int) { self.every = every }
    public func apply(to recording: inout Recording) { recording.checkpointEvery = every }
}

/// Every parameter of both networks every `every` rounds (tiny models only).
public struct Trajectory: RecordingComponent {
    public var every: Int
    public init(every: Int) { self.every = every }
    public func apply(to recording: inout Recording) { recording.trajectoryEvery = every }
}

/// The metric that names the best checkpoint; it must be among the evaluated metrics.
public struct BestCheckpoint: RecordingComponent {
    public var metric: Metric
    public init(by metric: Metric) { self.metric = metric }
    public func apply(to recording: inout Recording) { recording.bestCheckpoint = metric }
}

/// The seeds to run: `Seeds(1...5)`, `Seeds(1, 7, 42)` or `Seeds([3, 4])`. Replaces the default `[1]`.
public struct Seeds: ScenarioComponent {
    public var seeds: [UInt64]
    public init(_ range: ClosedRange<UInt64>) { seeds = Array(range) }
    public init(_ range: Range<UInt64>) { seeds = Array(range) }
    public init(_ seeds: UInt64...) { self.seeds = seeds }
    public init(_ seeds: [UInt64]) { self.seeds = seeds }
    public func apply(to scenario: inout Scenario) { scenario.seeds = seeds }
}

/// A single seed: `Seed(7)`.
public struct Seed: ScenarioComponent {
    public var seed: UInt64
    public init(_ seed: UInt64) { self.seed = seed }
    public func apply(to scenario: inout Scenario) { scenario.seeds = [seed] }
}
