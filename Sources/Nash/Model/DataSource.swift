#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where real samples come from. The formulas are on the `Dataset` factory of the same name.
public enum DataSource: Codable, Hashable, Sendable {
    case ring(modes: Int, radius: Double, std: Double)
    case grid(side: Int, spacing: Double, std: Double)
    case spiral(turns: Double, radius: Double, noise: Double)
    case swissRoll(noise: Double, scale: Double)
    case twoMoons(noise: Double)
    case dirac(point: [Double])
    case mixture1D(components: [MixtureComponent])
    case file(path: String, dataset: String, shape: [Int]?, sha256: String?)
    case images(set: ImageSet)

    /// The per-sample shape, or nil when only the file can tell (a file source without `shape`).
    public var shape: [Int]? {
        switch self {
        case .ring, .grid, .spiral, .swissRoll, .twoMoons: return [2]
        case .dirac(let point): return [point.count]
        case .mixture1D: return [1]
        case .file(_, _, let shape, _): return shape
        case .images(let set): return set.shape
        }
    }

    /// A short name for messages ("ring", "file", …).
    public var kindName: String {
        switch self {
        case .ring: return "ring"
        case .grid: return "grid"
        case .spiral: return "spiral"
        case .swissRoll: return "swiss roll"
        case .twoMoons: return "two moons"
        case .dirac: return "dirac"
        case .mixture1D: return "1-D mixture"
        case .file: return "file"
        case .images(let set): return set.kindName
        }
    }

    /// The modes of a source made of discrete modes, in a fixed order, or nil for sources without
    /// them (spiral, Swiss roll, two moons, files). These are what the VEEGAN/PacGAN mode metrics
    /// (modes captured, high-quality fraction, reverse KL) measure against (see DESIGN.md §7).
    public var modes: [Mode]? {
        switch self {
        case .ring(let count, let radius, let std):
            return (0..<count).map { k in
                let angle = 2 * Double.pi * Double(k) / Double(count)
                return Mode(mean: [radius * cos(angle), radius * sin(angle)], std: std, weight: 1 / Double(count))
            }
        case .grid(let side, let spacing, let std):
            let offset = Double(side - 1) / 2
            return (0..<side).flatMap { i in
                (0..<side).map { j in
                    Mode(mean: [(Double(i) - offset) * spacing, (Double(j) - offset) * spacing], std: std,
                         weight: 1 / Double(side * side))
                }
            }
        case .dirac(let point):
            return [Mode(mean: point, std: 0, weight: 1)]
        case .mixture1D(let components):
            let total = components.reduce(0) { $0 + $1.weight }
            return components.map { Mode(mean: [$0.mean], std: $0.std, weight: $0.weight / total) }
        case .images(let set):
            return set.modes
        case .spiral, .swissRoll, .twoMoons, .file:
            return nil
        }
    }
}

/// One mode of a mixture: its mean, its standard deviation per coordinate, its probability.
public struct Mode: Hashable, Sendable {
    public var mean: [Double]
    public var std: Double
    public var weight: Double

    public init(mean: [Double], std: Double, weight: Double) {
        self.mean = mean
        self.std = std
        self.weight = weight
    }
}
