#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A multiplier f(t) on an optimiser's learning rate, where t is the 0-based round index and T the
/// run's total number of rounds (`Training.totalRounds`); the rate used in round t is η·f(t).
public enum LearningRateSchedule: Codable, Hashable, Sendable {
    /// f(t) = 1.
    case constant
    /// f(t) = 1 − (1 − final)·t/T: a straight line from 1 to `final` at the end of the run.
    case linear(final: Double)
    /// f(t) = factor^⌊t/every⌋: multiplied by `factor` every `every` rounds.
    case step(every: Int, factor: Double)
    /// f(t) = final + (1 − final)·(1 + cos(π·t/T))/2: one cosine half-period from 1 to `final`
    /// (Loshchilov & Hutter 2016, arXiv:1608.03983, SGDR without restarts).
    case cosine(final: Double)

    /// Linear decay to zero.
    public static var linear: LearningRateSchedule { .linear(final: 0) }
    /// Cosine decay to zero.
    public static var cosine: LearningRateSchedule { .cosine(final: 0) }

    /// The multiplier at round `t` of a run of `total` rounds.
    public func factor(at t: Int, of total: Int) -> Double {
        let progress = total > 0 ? Double(min(max(t, 0), total)) / Double(total) : 0
        switch self {
        case .constant:
            return 1
        case .linear(let final):
            return 1 - (1 - final) * progress
        case .step(let every, let factor):
            guard every > 0 else { return 1 }
            return pow(factor, Double(max(t, 0) / every))
        case .cosine(let final):
            return final + (1 - final) * (1 + cos(Double.pi * progress)) / 2
        }
    }
}
