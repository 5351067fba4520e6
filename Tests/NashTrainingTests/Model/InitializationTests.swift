import Foundation
import Nash
import NashEngine
import NashTraining
import Testing

@Suite struct InitializationTests {
    @Test func glorotUniformStaysInsideItsLimitAndFillsIt() throws {
        let model = try NetworkModel(Network { Dense(300, init: .glorotUniform) }, input: [200])
        let w = ParameterInitialization.initialize(model.parameterSpecs, stream: RandomStream(seed: 7, name: "init/D"))[0].scalars
        let limit = (6.0 / 500).squareRoot()
        #expect(w.allSatisfy { abs(Double($0)) <= limit })
        #expect(Double(w.map { abs($0) }.max()!) > 0.99 * limit)
        // U(−a, a) has variance a²/3.
        let variance = w.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(w.count)
        #expect(abs(variance - limit * limit / 3) < 0.02 * limit * limit / 3)
    }

    @Test func orthogonalGivesOrthonormalRowsOrColumns() throws {
        for (rows, cols) in [(6, 3), (3, 6), (4, 4)] {
            let model = try NetworkModel(Network { Dense(cols, init: .orthogonal(2)) }, input: [rows])
            let w = ParameterInitialization.initialize(model.parameterSpecs, stream: RandomStream(seed: 3, name: "init/G"))[0].scalars
            let k = min(rows, cols)
            // Gram matrix of the columns (tall) or rows (wide) is gain²·I.
            for p in 0..<k {
                for q in 0..<k {
                    let dot = rows >= cols
                        ? (0..<rows).reduce(0.0) { $0 + Double(w[$1 * cols + p]) * Double(w[$1 * cols + q]) }
                        : (0..<cols).reduce(0.0) { $0 + Double(w[p * cols + $1]) * Double(w[q * cols + $1]) }
                    #expect(abs(dot - (p == q ? 4 : 0)) < 1e-5, "\(rows)x\(cols) [\(p),\(q)] = \(dot)")
                }
            }
        }
    }

    @Test func eachParameterHasItsOwnStepAndSeedsDiffer() throws {
        let model = try NetworkModel(Network { Dense(4, init: .normal(std: 1)); Dense(4, init: .normal(std: 1)) }, input: [4])
        let a = ParameterInitialization.initialize(model.parameterSpecs, stream: RandomStream(seed: 1, name: "init/G"))
        let b = ParameterInitialization.initialize(model.parameterSpecs, stream: RandomStream(seed: 1, name: "init/G"))
        let c = ParameterInitialization.initialize(model.parameterSpecs, stream: RandomStream(seed: 2, name: "init/G"))
        #expect(a.map(\.scalars) == b.map(\.scalars))
        #expect(a[0].scalars != a[2].scalars)
        #expect(a[0].scalars != c[0].scalars)
        // Parameter 2 draws from step 2 of the stream, whatever precedes it.
        #expect(a[2].scalars == RandomStream(seed: 1, name: "init/G").at(step: 2).normal(count: 16))
        #expect(a[1].scalars == [0, 0, 0, 0])
    }

    /// Spectral normalisation: many power iterations converge to the top singular value, and the
    /// normalised weight then has spectral norm 1.
    @Test func spectralNormFindsTheTopSingularValue() throws {
        let model = try NetworkModel(Network { Dense(2, bias: false) }, input: [3])
        let w: [Float] = [1, 2, -1, 0.5, 3, 1]   // [3, 2]
        let params = [Tensor(shape: [3, 2], scalars: w)]
        var sn = SpectralNorm(model: model, parameters: params, powerIterations: 50, stream: RandomStream(seed: 1, name: "init/D"))
        sn.iterate(params)
        // σ_max² = largest eigenvalue of WᵀW (2×2).
        let p = (0..<3).reduce(0.0) { $0 + Double(w[2 * $1] * w[2 * $1]) }
        let q = (0..<3).reduce(0.0) { $0 + Double(w[2 * $1 + 1] * w[2 * $1 + 1]) }
        let r = (0..<3).reduce(0.0) { $0 + Double(w[2 * $1] * w[2 * $1 + 1]) }
        let top = ((p + q) / 2 + (((p - q) / 2) * ((p - q) / 2) + r * r).squareRoot()).squareRoot()
        #expect(abs(sn.sigmas(params)[0] - top) < 1e-5 * top)
        let normalised = sn.normalized(params)[0].scalars
        for j in 0..<6 { #expect(abs(Double(normalised[j]) - Double(w[j]) / top) < 1e-5) }
    }
}
