import Nash
import NashEngine

/// Spectral normalisation of D's weights (Miyato et al. 2018, arXiv:1802.05957), as
/// `Regularizer.spectralNorm` states: every parameter of kind `.weight` is used as W / σ̂(W), W viewed
/// as a matrix M = [first axis, rest] (a dense W `[in, out]` as Wᵀ `[out, in]`).
///
/// State: a persistent unit vector u (length rows of M) per weight, drawn from N(0, I) on `init/D` and
/// normalised, and the v of the latest power iteration. `iterate` runs the power iterations of one D
/// update: v ← Mᵀu/‖Mᵀu‖, u ← Mv/‖Mv‖, `powerIterations` times. `normalized` then forms
/// σ̂ = uᵀMv in engine operations with u and v as constants, so gradients flow through W (both in
/// W and in σ̂) but not through u and v. A value type: an unrolled look-ahead iterates its own copy.
public struct SpectralNorm: Equatable {
    struct Entry: Equatable {
        /// Position in D's parameter list.
        var index: Int
        var name: String
        var rows: Int
        var cols: Int
        /// Dense weights are stored [in, out] = Mᵀ.
        var transposed: Bool
        var u: [Float]
        var v: [Float]
    }

    public let powerIterations: Int
    var entries: [Entry]

    /// Draws u for every `.weight` parameter of `model` from `stream` (`init/D`) at step
    /// `model.parameterSpecs.count + j` for the j-th weight (after the steps the parameters use, so
    /// switching spectral normalisation on never changes the initial weights), then sets v from
    /// one half-iteration v = Mᵀu/‖Mᵀu‖ on the initial `parameters`.
    public init(model: NetworkModel, parameters: [Tensor], powerIterations: Int, stream: RandomStream) {
        self.powerIterations = powerIterations
        var entries = [Entry]()
        for (index, spec) in model.parameterSpecs.enumerated() where spec.kind == .weight {
            let dense = spec.name.hasPrefix("dense")
            let rows = dense ? spec.shape[1] : spec.shape[0]
            let cols = spec.count / rows
            let draws = stream.at(step: model.parameterSpecs.count + entries.count)
            let u = Self.normalize(draws.normal(count: rows).map(Double.init))
            entries.append(Entry(index: index, name: spec.name, rows: rows, cols: cols, transposed: dense,
                                 u: u.map(Float.init), v: [Float](repeating: 0, count: cols)))
        }
        self.entries = entries
        for j in entries.indices {
            let m = matrix(entries[j], parameters[entries[j].index])
            self.entries[j].v = Self.normalize(m.transposedTimes(entries[j].u.map(Double.init))).map(Float.init)
        }
    }

    /// The power iterations of one D update, on the current weights (no graph).
    public mutating func iterate(_ parameters: [Tensor]) {
        for j in entries.indices {
            let m = matrix(entries[j], parameters[entries[j].index])
            var u = entries[j].u.map(Double.init), v = [Double]()
            for _ in 0..<powerIterations {
                v = Self.normalize(m.transposedTimes(u))
                u = Self.normalize(m.times(v))
            }
            entries[j].u = u.map(Float.init)
            entries[j].v = v.map(Float.init)
        }
    }

    /// `parameters` with every weight W replaced by W / σ̂, σ̂ = uᵀMv (differentiable in W).
    public func normalized(_ parameters: [Tensor]) -> [Tensor] {
        var out = parameters
        for e in entries {
            let w = parameters[e.index]
            let u = Tensor(shape: [1, e.rows], scalars: e.u), v = Tensor(shape: [e.cols, 1], scalars: e.v)
            // Dense: σ̂ = uᵀWᵀv = vᵀWu with W [in, out]; otherwise σ̂ = uᵀ·M·v with M = W as [rows, cols].
            let sigma = e.transposed
                ? matmul(matmul(v.reshaped(to: [1, e.cols]), w), u.reshaped(to: [e.rows, 1]))
                : matmul(matmul(u, w.reshaped(to: [e.rows, e.cols])), v)
            out[e.index] = w / sigma.reshaped(to: [])
        }
        return out
    }

    /// σ̂ of every weight at the current u, v (for the `spectral/sigma` curve), in parameter order.
    public func sigmas(_ parameters: [Tensor]) -> [Double] {
        entries.map { e in
            let m = matrix(e, parameters[e.index])
            let mv = m.times(e.v.map(Double.init))
            return zip(e.u, mv).reduce(0) { $0 + Double($1.0) * $1.1 }
        }
    }

    // MARK: State for checkpoints

    /// u and v of every weight, named `spectral/<parameter>/u` and `spectral/<parameter>/v`.
    public var state: [(name: String, values: [Float])] {
        entries.flatMap { [("spectral/\($0.name)/u", $0.u), ("spectral/\($0.name)/v", $0.v)] }
    }

    /// Restores `state` as exported; throws when a vector is missing or has the wrong length.
    public mutating func restore(_ arrays: [String: [Float]]) throws {
        for j in entries.indices {
            let e = entries[j]
            guard let u = arrays["spectral/\(e.name)/u"], u.count == e.rows,
                  let v = arrays["spectral/\(e.name)/v"], v.count == e.cols else {
                throw CheckpointError("spectral-norm vectors of \(e.name) missing or of the wrong size")
            }
            entries[j].u = u
            entries[j].v = v
        }
    }

    // MARK: Plain Float64 linear algebra for the power iteration (no graph)

    struct Matrix {
        var values: [Float]
        var rows: Int, cols: Int, transposed: Bool
        func at(_ r: Int, _ c: Int) -> Double { Double(transposed ? values[c * rows + r] : values[r * cols + c]) }
        func times(_ x: [Double]) -> [Double] {
            (0..<rows).map { r in (0..<cols).reduce(0) { $0 + at(r, $1) * x[$1] } }
        }
        func transposedTimes(_ y: [Double]) -> [Double] {
            (0..<cols).map { c in (0..<rows).reduce(0) { $0 + at($1, c) * y[$1] } }
        }
    }

    func matrix(_ e: Entry, _ w: Tensor) -> Matrix {
        Matrix(values: w.scalars, rows: e.rows, cols: e.cols, transposed: e.transposed)
    }

    /// x / max(‖x‖, 1e-12), the guard PyTorch's `normalize` uses.
    static func normalize(_ x: [Double]) -> [Double] {
        let norm = max(x.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-12)
        return x.map { $0 / norm }
    }
}
