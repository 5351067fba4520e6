import NashEngine
import NashStore

/// What a checkpoint holds, and restoring it. Because every random draw is addressed by
/// (seed, stream, step, index), the parameters, the optimisers' moments and step counts and the
/// spectral-norm vectors are the whole state: a run restored from the checkpoint at step t continues
/// exactly as the uninterrupted run did.
///
/// - `generator`, `discriminator`: every parameter by its `ParameterSpec` name (`dense0/weight`);
/// - `optimizer`: `generator/steps`, `generator/<param>/m`, `…/v` (as the method has them), the same
///   under `discriminator/`, and `spectral/<param>/u`, `spectral/<param>/v` under spectral normalisation.
extension Trainer {
    public func checkpoint(step: Int) -> CheckpointRecord {
        var optimizer = generatorOptimizer.exportState(prefix: "generator")
            + discriminatorOptimizer.exportState(prefix: "discriminator")
        for (name, values) in spectralNorm?.state ?? [] {
            optimizer.append(NamedArray(name: name, shape: [values.count], values: values))
        }
        return CheckpointRecord(step: step, generator: Self.arrays(generator, generatorParameters),
                                discriminator: Self.arrays(discriminator, discriminatorParameters), optimizer: optimizer)
    }

    /// Every parameter as a named array (checkpoints and trajectories).
    static func arrays(_ model: NetworkModel, _ parameters: [Tensor]) -> [NamedArray] {
        zip(model.parameterSpecs, parameters).map { NamedArray(name: $0.name, shape: $0.shape, values: $1.scalars) }
    }

    public var generatorArrays: [NamedArray] { Self.arrays(generator, generatorParameters) }
    public var discriminatorArrays: [NamedArray] { Self.arrays(discriminator, discriminatorParameters) }

    /// Overwrites the whole state with `record`'s; throws naming the first array that is missing or
    /// does not fit this scenario's networks.
    public func restore(_ record: CheckpointRecord) throws {
        try Self.load(record.generator, into: generatorParameters, model: generator, what: "generator")
        try Self.load(record.discriminator, into: discriminatorParameters, model: discriminator, what: "discriminator")
        let state = Dictionary(record.optimizer.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        try generatorOptimizer.restoreState(state, prefix: "generator")
        try discriminatorOptimizer.restoreState(state, prefix: "discriminator")
        try spectralNorm?.restore(state.mapValues(\.values))
    }

    static func load(_ arrays: [NamedArray], into parameters: [Tensor], model: NetworkModel, what: String) throws {
        let byName = Dictionary(arrays.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for (spec, tensor) in zip(model.parameterSpecs, parameters) {
            guard let a = byName[spec.name], a.shape == spec.shape else {
                throw CheckpointError("checkpoint has no \(what) parameter \(spec.name) of shape \(spec.shape)")
            }
            tensor.withUnsafeMutableBufferPointer { b in for j in b.indices { b[j] = a.values[j] } }
        }
    }
}
