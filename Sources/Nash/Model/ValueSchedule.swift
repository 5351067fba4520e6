#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A scalar hyper-parameter that may change with the training step t (the 0-based round index,
/// see `Training`), used for annealed instance noise and annealed regulariser weights.
public enum ValueSchedule: Codable, Hashable, Sendable {
    /// v(t) = value.
    case constant(value: Double)
    /// v(t) = from + (to − from)·min(t, steps)/steps: a straight line, then flat at `to`.
    case linear(from: Double, to: Double, steps: Int)
    /// v(t) = from·(to/from)^(min(t, steps)/steps): geometric interpolation, then flat at `to`;
    /// both ends must be positive.
    case exponential(from: Double, to: Double, steps: Int)

    /// A constant value.
    public static func constant(_ value: Double) -> ValueSchedule { .constant(value: value) }

    /// Linear annealing from `from` to `to` over the first `steps` rounds (Sønderby et al. 2016,
    /// arXiv:1610.04490, anneal instance noise linearly to zero).
    public static func annealed(from: Double, to: Double = 0, over steps: Int) -> ValueSchedule {
        .linear(from: from, to: to, steps: steps)
    }

    /// The value at round `t` (0-based).
    public func value(at t: Int) -> Double {
        switch self {
        case .constant(let value):
            return value
        case .linear(let from, let to, let steps):
            guard steps > 0 else { return to }
            return from + (to - from) * Double(min(max(t, 0), steps)) / Double(steps)
        case .exponential(let from, let to, let steps):
            guard steps > 0 else { return to }
            return from * pow(to / from, Double(min(max(t, 0), steps)) / Double(steps))
        }
    }

    /// The values the schedule passes through at its ends (for range checks).
    var endpoints: [Double] {
        switch self {
        case .constant(let value): return [value]
        case .linear(let from, let to, _), .exponential(let from, let to, _): return [from, to]
        }
    }
}
