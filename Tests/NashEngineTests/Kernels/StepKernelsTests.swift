import NashEngine
import Testing

/// `StepKernels.adam` against its documented formulas written out in Swift (the same IEEE operations
/// in the same order, so the same bits), on one thread and split over two and three.
@Suite struct StepKernelsTests {
    /// Enough parameters for two and three chunks (the split starts at 2 · 2¹³), not a multiple of 16.
    static let count = 3 * (1 << 13) + 5

    static func values(_ name: String, scale: Float, offset: Float = 0) -> [Float] {
        RandomStream(seed: 5, name: "adam/\(name)").at(step: 0).uniform(count: count).map { ($0 - offset) * scale }
    }

    @Test(arguments: [1, 2, 3])
    func adamMatchesItsFormulasOnAnyThreadCount(threads: Int) {
        let (b1, b2, eps, eta, guardValue): (Float, Float, Float, Float, Float) = (0.5, 0.999, 1e-8, 1e-4, 1e-30)
        let (c1, c2): (Float, Float) = (1 - 0.5 * 0.5, 1 - 0.999 * 0.999)
        let g = Self.values("g", scale: 2, offset: 0.5)
        // Some second moments below the guard, so the max(·, ν) branch runs.
        var theta = Self.values("theta", scale: 1), m = Self.values("m", scale: 0.1, offset: 0.5)
        var v = Self.values("v", scale: 0.01).enumerated().map { $0.offset % 7 == 0 ? 0 : $0.element }
        var (wantTheta, wantM, wantV) = (theta, m, v)
        for j in 0..<Self.count {
            let mj = wantM[j] * b1 + g[j] * (1 - b1)
            let vj = wantV[j] * b2 + (g[j] * g[j]) * (1 - b2)
            wantM[j] = mj
            wantV[j] = vj
            let (mHat, vHat) = (mj / c1, vj / c2)
            let root = (vHat >= guardValue ? vHat : guardValue).squareRoot()
            wantTheta[j] = wantTheta[j] - (mHat / (root + eps)) * eta
        }
        Parallel.withThreadCount(threads) {
            StepKernels.adam(theta: &theta, gradient: g, first: &m, second: &v, count: Self.count, beta1: b1,
                             beta2: b2, oneMinusBeta1: 1 - b1, oneMinusBeta2: 1 - b2, correction1: c1,
                             correction2: c2, epsilon: eps, rate: eta, sqrtGuard: guardValue)
        }
        #expect(theta.map(\.bitPattern) == wantTheta.map(\.bitPattern))
        #expect(m.map(\.bitPattern) == wantM.map(\.bitPattern))
        #expect(v.map(\.bitPattern) == wantV.map(\.bitPattern))
    }
}
