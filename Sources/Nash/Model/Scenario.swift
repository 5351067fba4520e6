/// One experiment, as a plain value: everything the runner needs to train it, and nothing else.
///
/// Build one with the DSL (`Scenario("ring8") { … }`, see `ScenarioBuilder`) or decode one from its
/// canonical JSON (`Scenario.decode(_:)`). Fields the DSL leaves unset are nil or empty and are
/// reported by `validate()`; a scenario that validates has data, latent and loss set, both networks
/// non-empty, both optimisers set and a non-empty schedule.
public struct Scenario: Codable, Hashable, Sendable {
    /// Unique within a file; letters, digits and `.` `_` `-`, with `/` between a base and its variant
    /// (`ring8/unrolled-5`). Used in result paths.
    public var name: String
    /// The name of the scenario this one is a variant of, or nil.
    public var variantOf: String?
    public var data: Dataset?
    public var latent: Latent?
    public var generator: Network
    public var discriminator: Network
    public var loss: Loss?
    /// At most one per `Regularizer.Kind`, in declaration order.
    public var regularizers: [Regularizer]
    public var training: Training
    public var recording: Recording
    /// The seeds to run, one run file each. Not part of the spec hash. Default `[1]`.
    public var seeds: [UInt64]

    /// An empty scenario (nothing declared yet); the DSL fills it in. Does not register it.
    public init(name: String) {
        self.name = name
        variantOf = nil
        data = nil
        latent = nil
        generator = Network(layers: [])
        discriminator = Network(layers: [])
        loss = nil
        regularizers = []
        training = Training()
        recording = Recording()
        seeds = [1]
    }

    /// The canonical JSON of the whole value, seeds included (what run files store as `/spec`).
    public func canonicalJSON() throws -> String { try CanonicalJSON.encode(self) }

    /// The canonical JSON of the spec: the whole value without `seeds`. Two runs with equal spec JSON
    /// train the same experiment, whatever their seeds.
    public func specJSON() throws -> String {
        guard case .object(var members) = try CanonicalJSON.tree(self) else { preconditionFailure("a scenario encodes as an object") }
        members["seeds"] = nil
        return CanonicalJSON.write(.object(members))
    }

    /// SHA-256 of `specJSON()` in lower-case hex; its first 8 digits name the result directory
    /// (`results/<scenario>/<spec-hash-8>/`, DESIGN.md §5).
    public func specHash() throws -> String { SHA256.hex(SHA256.hash(try specJSON())) }

    /// Decodes a scenario from its JSON (as stored in a run file).
    public static func decode(_ json: String) throws -> Scenario { try CanonicalJSON.decode(Scenario.self, from: json) }

    /// The same scenario with its length replaced by `steps` rounds (the `--steps N` option). The
    /// length is part of the spec, so the spec hash changes with it.
    public func overriding(steps: Int) -> Scenario {
        var copy = self
        copy.training.length = .steps(count: steps)
        return copy
    }

    /// The regulariser of a given kind, if present.
    public func regularizer(_ kind: Regularizer.Kind) -> Regularizer? {
        regularizers.first { $0.kind == kind }
    }

    /// The number of rounds the run lasts, given the size of a file data set when the data is a file
    /// (ignored otherwise); nil when that size is needed and not given.
    public func totalRounds(fileDatasetSize: Int? = nil) -> Int? {
        training.totalRounds(datasetSize: data?.size ?? fileDatasetSize)
    }
}
