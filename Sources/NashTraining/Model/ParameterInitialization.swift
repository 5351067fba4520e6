import Foundation
import Nash
import NashEngine

/// Fills a network's parameters from its `init/G` or `init/D` stream, as `Initializer` documents.
///
/// Folding: parameter i of the network (its position in `NetworkModel.parameterSpecs`) takes its draws
/// from the stream at **step i**, draw indices 0, 1, … in row-major order of the tensor. So a
/// parameter's initial values depend only on (seed, network, i): changing a later layer never shifts
/// an earlier one, and G and D never share draws. Uniforms U(−a, a) are a·(2u − 1) with u ∈ [0, 1).
public enum ParameterInitialization {
    /// One fresh leaf tensor per spec (no graph; the trainer decides what requires gradients).
    public static func initialize(_ specs: [ParameterSpec], stream: RandomStream) -> [Tensor] {
        specs.enumerated().map { index, spec in
            Tensor(shape: spec.shape, scalars: values(spec, stream.at(step: index)))
        }
    }

    /// The initial values of one parameter from its draws.
    static func values(_ spec: ParameterSpec, _ draws: RandomDraws) -> [Float] {
        let n = spec.count
        let fanIn = Double(spec.fanIn), fanOut = Double(spec.fanOut)
        func uniform(_ limit: Double) -> [Float] {
            let a = Float(limit)
            return draws.uniform(count: n).map { a * (2 * $0 - 1) }
        }
        switch spec.initializer {
        case .glorotUniform: return uniform((6 / (fanIn + fanOut)).squareRoot())
        case .glorotNormal: return draws.normal(count: n, mean: 0, std: Float((2 / (fanIn + fanOut)).squareRoot()))
        case .heUniform: return uniform((6 / fanIn).squareRoot())
        case .heNormal: return draws.normal(count: n, mean: 0, std: Float((2 / fanIn).squareRoot()))
        case .orthogonal(let gain): return orthogonal(shape: spec.shape, gain: gain, draws: draws)
        case .normal(let std): return draws.normal(count: n, mean: 0, std: Float(std))
        case .uniform(let limit): return uniform(limit)
        case .constant(let value): return [Float](repeating: Float(value), count: n)
        }
    }

    /// Saxe et al. 2013 (arXiv:1312.6120): the tensor as a matrix [rows = first axis, cols = rest],
    /// Q of the QR decomposition of a Gaussian matrix of that shape (of its transpose when wide), with
    /// the signs of R's diagonal folded in, times `gain`.
    ///
    /// NB: modified Gram–Schmidt (with one re-orthogonalisation pass) yields the QR factor whose R has a
    /// positive diagonal, which is exactly Householder's Q with the signs of R folded in: the
    /// decomposition with positive diag(R) is unique for a full-rank matrix.
    static func orthogonal(shape: [Int], gain: Double, draws: RandomDraws) -> [Float] {
        let rows = shape[0], cols = shape.dropFirst().reduce(1, *)
        let gaussian = draws.normal(count: rows * cols).map(Double.init)
        let wide = rows < cols
        // Work on a tall matrix A [m, k] (m ≥ k), stored column by column.
        let (m, k) = wide ? (cols, rows) : (rows, cols)
        var columns = (0..<k).map { j in (0..<m).map { i in wide ? gaussian[j * cols + i] : gaussian[i * cols + j] } }
        for j in 0..<k {
            for _ in 0..<2 {
                for p in 0..<j {
                    let dot = zip(columns[p], columns[j]).reduce(0) { $0 + $1.0 * $1.1 }
                    for i in 0..<m { columns[j][i] -= dot * columns[p][i] }
                }
            }
            let norm = columns[j].reduce(0) { $0 + $1 * $1 }.squareRoot()
            for i in 0..<m { columns[j][i] /= norm }
        }
        // Q [m, k]; the result is Q for a tall tensor and Qᵀ for a wide one, as [rows, cols] row-major.
        var out = [Float](repeating: 0, count: rows * cols)
        for r in 0..<rows {
            for c in 0..<cols {
                out[r * cols + c] = Float(gain * (wide ? columns[r][c] : columns[c][r]))
            }
        }
        return out
    }
}
