import Foundation
import Nash
import NashEngine

/// Draws points of a synthetic `DataSource` by the formulas on the `Dataset` factories.
///
/// A draw of `count` points at (stream s, step t) uses three child streams of s, each at step t:
/// - `s/component`: which mode, component or moon (`integers(below:)`, or a uniform draw for
///   weighted 1-D mixtures);
/// - `s/position`: the position along a curve (spiral, Swiss roll, moons: `uniform`);
/// - `s/noise`: the Gaussian noise ε (`normal`), coordinates of point i at draws i·d ..< (i+1)·d.
///
/// NB: separate child streams, not one stream, because kinds of draws of one stream at one step share
/// Philox words (see `RandomDraws`): a uniform and a normal drawn from the same words are dependent.
/// Point i uses draw i of each child (draws i·d ..< (i+1)·d of the noise), so a draw of n points is the
/// first n points of a larger draw at the same (stream, step).
struct SyntheticSampler {
    /// Per-sample shape.
    let shape: [Int]
    private let kind: Kind

    private enum Kind {
        /// x = mean_k + std · ε, k uniform over the modes.
        case modes(means: [[Double]], std: Double)
        /// x = mean_k + std_k · ε, k drawn with probability wₖ/Σw (`cumulative`: running sums of wₖ/Σw).
        case mixture1D(means: [Double], stds: [Double], cumulative: [Double])
        case barsAndStripes(side: Int, noise: Double)
        case spiral(turns: Double, radius: Double, noise: Double)
        case swissRoll(noise: Double, scale: Double)
        case twoMoons(noise: Double)
        case dirac(point: [Double])
    }

    /// The sampler of `source`, or an error when its parameters admit no point (no modes, no weight).
    init(_ source: DataSource) throws {
        switch source {
        case .ring, .grid:
            let modes = source.modes ?? []
            guard let first = modes.first else {
                throw RealDataError(file: nil, cause: "the \(source.kindName) has no modes")
            }
            kind = .modes(means: modes.map(\.mean), std: first.std)
            shape = [2]
        case .mixture1D(let components):
            let total = components.reduce(0) { $0 + $1.weight }
            guard !components.isEmpty, total > 0, total.isFinite,
                  components.allSatisfy({ $0.weight >= 0 && $0.std >= 0 }) else {
                throw RealDataError(file: nil, cause: "the 1-D mixture needs components with positive weights")
            }
            var running = 0.0
            let cumulative = components.map { running += $0.weight / total; return running }
            kind = .mixture1D(means: components.map(\.mean), stds: components.map(\.std), cumulative: cumulative)
            shape = [1]
        case .images(let set):
            switch set {
            case .barsAndStripes(let side, let noise):
                guard side >= 1, side <= 16 else {
                    throw RealDataError(file: nil, cause: "bars and stripes side must be in 1...16, got \(side)")
                }
                kind = .barsAndStripes(side: side, noise: noise)
            }
            shape = set.shape
        case .spiral(let turns, let radius, let noise):
            kind = .spiral(turns: turns, radius: radius, noise: noise)
            shape = [2]
        case .swissRoll(let noise, let scale):
            kind = .swissRoll(noise: noise, scale: scale)
            shape = [2]
        case .twoMoons(let noise):
            kind = .twoMoons(noise: noise)
            shape = [2]
        case .dirac(let point):
            guard !point.isEmpty else { throw RealDataError(file: nil, cause: "the dirac point has no coordinates") }
            kind = .dirac(point: point)
            shape = [point.count]
        case .file:
            throw RealDataError(file: nil, cause: "a file source is not synthetic")
        }
    }

    /// `count` points drawn at (`stream`, `step`), row-major `[count] + shape`.
    func draw(count: Int, stream: RandomStream, step: Int) -> [Float] {
        let d = shape.reduce(1, *)
        var out = [Float](repeating: 0, count: count * d)
        let component = stream.child("component").at(step: step)
        let position = stream.child("position").at(step: step)
        let noise = stream.child("noise").at(step: step)
        switch kind {
        case .modes(let means, let std):
            let k = component.integers(count: count, below: means.count)
            let eps = noise.normal(count: count * d)
            for i in 0..<count {
                for c in 0..<d { out[i * d + c] = Float(means[k[i]][c] + std * Double(eps[i * d + c])) }
            }
        case .mixture1D(let means, let stds, let cumulative):
            // NB: u takes the 2²⁴ values j·2⁻²⁴, so each P(k) is exact to within 2⁻²⁴.
            let u = component.uniform(count: count)
            let eps = noise.normal(count: count)
            for i in 0..<count {
                let k = cumulative.firstIndex { Double(u[i]) < $0 } ?? cumulative.count - 1
                out[i] = Float(means[k] + stds[k] * Double(eps[i]))
            }
        case .barsAndStripes(let side, let sigma):
            let bars = 1 << side
            let pattern = component.integers(count: count, below: 2 * bars - 2)
            let eps = sigma > 0 ? noise.normal(count: count * d) : [Float](repeating: 0, count: count * d)
            for i in 0..<count {
                let p = pattern[i]
                for pixel in 0..<d {
                    // Bars: column mask p (bit j ⇔ column j on); stripes: row mask p − 2^side + 1.
                    let on = p < bars ? (p >> (pixel % side)) & 1 == 1 : ((p - bars + 1) >> (pixel / side)) & 1 == 1
                    out[i * d + pixel] = Float((on ? 1 : -1) + sigma * Double(eps[i * d + pixel]))
                }
            }
        case .spiral(let turns, let radius, let sigma):
            let t = position.uniform(count: count)
            let eps = noise.normal(count: 2 * count)
            for i in 0..<count {
                let ti = Double(t[i]), theta = 2 * Double.pi * turns * ti
                out[2 * i] = Float(radius * ti * cos(theta) + sigma * Double(eps[2 * i]))
                out[2 * i + 1] = Float(radius * ti * sin(theta) + sigma * Double(eps[2 * i + 1]))
            }
        case .swissRoll(let sigma, let scale):
            let u = position.uniform(count: count)
            let eps = noise.normal(count: 2 * count)
            for i in 0..<count {
                let t = 1.5 * Double.pi * (1 + 2 * Double(u[i]))
                out[2 * i] = Float(scale * (t * cos(t) + sigma * Double(eps[2 * i])))
                out[2 * i + 1] = Float(scale * (t * sin(t) + sigma * Double(eps[2 * i + 1])))
            }
        case .twoMoons(let sigma):
            let moon = component.integers(count: count, below: 2)
            let u = position.uniform(count: count)
            let eps = noise.normal(count: 2 * count)
            for i in 0..<count {
                let a = Double.pi * Double(u[i])
                // Moon 0 is the upper one (cos πu, sin πu), moon 1 the lower (1 − cos πu, ½ − sin πu).
                let (x, y) = moon[i] == 0 ? (cos(a), sin(a)) : (1 - cos(a), 0.5 - sin(a))
                out[2 * i] = Float(x + sigma * Double(eps[2 * i]))
                out[2 * i + 1] = Float(y + sigma * Double(eps[2 * i + 1]))
            }
        case .dirac(let point):
            for i in 0..<count {
                for c in 0..<d { out[i * d + c] = Float(point[c]) }
            }
        }
        return out
    }
}
