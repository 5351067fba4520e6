/// A layer that cannot take the shape it is given.
public struct ShapeError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Renders a shape as `[1, 4, 4]`.
func describe(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }

extension Layer {
    /// The per-sample output shape for a per-sample input shape, or the reason there is none.
    /// Parameter problems (a zero width, a zero stride…) are reported first, so this never traps.
    public func outputShape(input: [Int]) throws -> [Int] {
        try checkSettings()
        switch self {
        case .dense(let units, _, _, _):
            guard input.count == 1 else {
                throw ShapeError("expects a vector, got shape \(describe(input)) (add Flatten() first)")
            }
            return [units]
        case .activation, .scale, .layerNorm, .batchNorm:
            return input
        case .constant(let units, _):
            return [units]
        case .conv2D(let filters, let k, let s, let p, _, _, _):
            let (h, w) = try imageSize(input)
            let outH = (h + 2 * p - k) / s + 1, outW = (w + 2 * p - k) / s + 1
            guard h + 2 * p >= k, w + 2 * p >= k else {
                throw ShapeError("kernel \(k) is larger than the padded input \(describe(input)) (padding \(p))")
            }
            return [filters, outH, outW]
        case .convTranspose2D(let filters, let k, let s, let p, let op, _, _, _):
            let (h, w) = try imageSize(input)
            let outH = (h - 1) * s - 2 * p + k + op, outW = (w - 1) * s - 2 * p + k + op
            guard outH >= 1, outW >= 1 else {
                throw ShapeError("output would be empty for input \(describe(input)) (kernel \(k), stride \(s), padding \(p))")
            }
            return [filters, outH, outW]
        case .reshape(let shape):
            let have = input.reduce(1, *), want = shape.reduce(1, *)
            guard have == want else {
                throw ShapeError("cannot reshape \(describe(input)) (\(have) values) to \(describe(shape)) (\(want) values)")
            }
            return shape
        case .flatten:
            return [input.reduce(1, *)]
        }
    }

    /// Rejects settings no input can make valid.
    func checkSettings() throws {
        func positive(_ value: Int, _ what: String) throws {
            guard value >= 1 else { throw ShapeError("\(what) must be at least 1, got \(value)") }
        }
        func finite(_ value: Double, _ what: String, positive: Bool = false) throws {
            guard value.isFinite, !positive || value > 0 else {
                throw ShapeError("\(what) must be \(positive ? "positive and " : "")finite, got \(value)")
            }
        }
        switch self {
        case .dense(let units, _, _, _), .constant(let units, _):
            try positive(units, "units")
        case .activation(.leakyReLU(let slope)):
            try finite(slope, "slope")
        case .activation(.elu(let alpha)):
            try finite(alpha, "alpha")
        case .activation:
            break
        case .scale(let factor):
            try finite(factor, "scale factor")
        case .layerNorm(let epsilon, _), .batchNorm(let epsilon, _):
            try finite(epsilon, "epsilon", positive: true)
        case .conv2D(let filters, let k, let s, let p, _, _, _):
            try positive(filters, "filters"); try positive(k, "kernel"); try positive(s, "stride")
            guard p >= 0 else { throw ShapeError("padding must be at least 0, got \(p)") }
        case .convTranspose2D(let filters, let k, let s, let p, let op, _, _, _):
            try positive(filters, "filters"); try positive(k, "kernel"); try positive(s, "stride")
            guard p >= 0 else { throw ShapeError("padding must be at least 0, got \(p)") }
            guard op >= 0, op < s else { throw ShapeError("output padding must be in 0..<stride (\(s)), got \(op)") }
        case .reshape(let shape):
            guard !shape.isEmpty, shape.allSatisfy({ $0 >= 1 }) else {
                throw ShapeError("reshape target \(describe(shape)) must have positive sizes")
            }
        case .flatten:
            break
        }
    }

    func imageSize(_ input: [Int]) throws -> (Int, Int) {
        guard input.count == 3 else {
            let what = input.count == 1 ? "a vector" : "shape"
            throw ShapeError("expects an image [channels, height, width], got \(what) \(describe(input)) (image layers on vector data)")
        }
        return (input[1], input[2])
    }

    /// The learnable tensors of this layer, at position `index` of its network, for a given input shape.
    public func parameters(input: [Int], index: Int) throws -> [ParameterSpec] {
        let prefix = "\(kindName)\(index)/"
        switch self {
        case .dense(let units, let bias, let weightInit, let biasInit):
            _ = try outputShape(input: input)
            var specs = [ParameterSpec(name: prefix + "weight", shape: [input[0], units], kind: .weight,
                                       initializer: weightInit, fanIn: input[0], fanOut: units)]
            if bias {
                specs.append(ParameterSpec(name: prefix + "bias", shape: [units], kind: .bias,
                                           initializer: biasInit, fanIn: input[0], fanOut: units))
            }
            return specs
        case .constant(let units, let initializer):
            return [ParameterSpec(name: prefix + "value", shape: [units], kind: .constant,
                                  initializer: initializer, fanIn: units, fanOut: units)]
        case .layerNorm(_, let affine), .batchNorm(_, let affine):
            guard affine else { return [] }
            let shape: [Int]
            if case .layerNorm = self { shape = input } else { shape = input.count == 3 ? [input[0]] : input }
            let count = shape.reduce(1, *)
            return [ParameterSpec(name: prefix + "scale", shape: shape, kind: .scale, initializer: .ones, fanIn: count, fanOut: count),
                    ParameterSpec(name: prefix + "offset", shape: shape, kind: .offset, initializer: .zeros, fanIn: count, fanOut: count)]
        case .conv2D(let filters, let k, _, _, let bias, let weightInit, let biasInit):
            _ = try outputShape(input: input)
            let channels = input[0]
            var specs = [ParameterSpec(name: prefix + "weight", shape: [filters, channels, k, k], kind: .weight,
                                       initializer: weightInit, fanIn: channels * k * k, fanOut: filters * k * k)]
            if bias {
                specs.append(ParameterSpec(name: prefix + "bias", shape: [filters], kind: .bias, initializer: biasInit,
                                           fanIn: channels * k * k, fanOut: filters * k * k))
            }
            return specs
        case .convTranspose2D(let filters, let k, _, _, _, let bias, let weightInit, let biasInit):
            _ = try outputShape(input: input)
            let channels = input[0]
            var specs = [ParameterSpec(name: prefix + "weight", shape: [channels, filters, k, k], kind: .weight,
                                       initializer: weightInit, fanIn: filters * k * k, fanOut: channels * k * k)]
            if bias {
                specs.append(ParameterSpec(name: prefix + "bias", shape: [filters], kind: .bias, initializer: biasInit,
                                           fanIn: filters * k * k, fanOut: channels * k * k))
            }
            return specs
        case .activation, .scale, .reshape, .flatten:
            return []
        }
    }
}
