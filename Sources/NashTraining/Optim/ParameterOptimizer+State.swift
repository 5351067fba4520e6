import NashStore

/// A checkpoint that cannot be restored into the run it is offered to.
public struct CheckpointError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension ParameterOptimizer {
    /// The optimiser's state as named arrays under `prefix` (`generator` or `discriminator`):
    /// `<prefix>/<parameter>/m` for momentum's v, Adam's m and RMSProp's s, `<prefix>/<parameter>/v`
    /// for Adam's v, and `<prefix>/steps`, the step count as a one-element array.
    ///
    /// NB: the count is stored as Float32, exact up to 2²⁴ = 16 777 216 steps; `restore` refuses more.
    public func exportState(prefix: String) -> [NamedArray] {
        var out = [NamedArray(name: "\(prefix)/steps", shape: [1], values: [Float(stepCount)])]
        for (i, name) in names.enumerated() {
            if !first.isEmpty { out.append(NamedArray(name: "\(prefix)/\(name)/m", shape: [first[i].count], values: first[i])) }
            if !second.isEmpty { out.append(NamedArray(name: "\(prefix)/\(name)/v", shape: [second[i].count], values: second[i])) }
        }
        return out
    }

    /// Restores what `exportState(prefix:)` wrote; throws when an array is missing or mis-sized.
    public func restoreState(_ arrays: [String: NamedArray], prefix: String) throws {
        guard let steps = arrays["\(prefix)/steps"]?.values.first, steps >= 0, steps < 16_777_216,
              steps == steps.rounded() else {
            throw CheckpointError("\(prefix) optimiser step count missing or invalid")
        }
        func load(_ moments: inout [[Float]], _ suffix: String) throws {
            for i in moments.indices {
                let name = "\(prefix)/\(names[i])/\(suffix)"
                guard let a = arrays[name], a.values.count == moments[i].count else {
                    throw CheckpointError("optimiser state \(name) missing or of the wrong size")
                }
                moments[i] = a.values
            }
        }
        try load(&first, "m")
        try load(&second, "v")
        stepCount = Int(steps)
    }
}
