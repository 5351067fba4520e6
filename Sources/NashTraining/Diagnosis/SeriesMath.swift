import Foundation

/// Small statistics on series, shared by the detectors. All inputs are finite (the diagnosis removes
/// everything from the first NaN/Inf on before calling them).
enum SeriesMath {
    /// The p-quantile (0 ≤ p ≤ 1) by linear interpolation between order statistics (Hyndman & Fan's
    /// type 7, numpy's default). Requires a non-empty input.
    static func quantile<C: Collection>(_ values: C, _ p: Double) -> Double where C.Element == Double {
        let sorted = values.sorted()
        precondition(!sorted.isEmpty, "SeriesMath.quantile: empty input")
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
    }

    static func median<C: Collection>(_ values: C) -> Double where C.Element == Double { quantile(values, 0.5) }

    static func mean<C: Collection>(_ values: C) -> Double where C.Element == Double {
        values.reduce(0, +) / Double(values.count)
    }

    /// Centred moving median of odd `window` (even windows are widened by one); the window is cut short at
    /// the ends rather than padded.
    static func movingMedian(_ x: [Double], window: Int) -> [Double] {
        moving(x, window: window) { median($0) }
    }

    /// Centred moving mean, cut short at the ends like ``movingMedian(_:window:)``.
    static func movingMean(_ x: [Double], window: Int) -> [Double] {
        moving(x, window: window) { mean($0) }
    }

    private static func moving(_ x: [Double], window: Int, _ f: (ArraySlice<Double>) -> Double) -> [Double] {
        let half = max(0, window / 2)
        return x.indices.map { i in f(x[max(0, i - half)...min(x.count - 1, i + half)]) }
    }

    /// Maximal runs of consecutive `true` flags, in order.
    static func runs(_ flags: [Bool]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start: Int?
        for (i, flag) in flags.enumerated() {
            if flag, start == nil { start = i }
            if !flag, let s = start { result.append(s..<i); start = nil }
        }
        if let s = start { result.append(s..<flags.count) }
        return result
    }

    /// Half the spread between the 5th and 95th percentiles: a robust amplitude.
    static func amplitude<C: Collection>(_ x: C) -> Double where C.Element == Double {
        (quantile(x, 0.95) - quantile(x, 0.05)) / 2
    }

    /// Point-to-point noise RMS(Δx)/√2: equals the standard deviation for i.i.d. noise and is small for
    /// slow changes.
    static func differenceNoise(_ x: ArraySlice<Double>) -> Double {
        guard x.count >= 2 else { return 0 }
        var s = 0.0
        var previous = x.first!
        for v in x.dropFirst() { s += (v - previous) * (v - previous); previous = v }
        return (s / Double(2 * (x.count - 1))).squareRoot()
    }

    /// The number of times `x` moves from below `centre − halfBand` to above `centre + halfBand` or back
    /// (a Schmitt trigger: values between the bands never change the state).
    static func swings(_ x: ArraySlice<Double>, centre: Double, halfBand: Double) -> Int {
        var state = 0  // −1 below, +1 above, 0 not yet decided
        var count = 0
        for v in x {
            let now = v > centre + halfBand ? 1 : (v < centre - halfBand ? -1 : 0)
            if now != 0, now != state {
                if state != 0 { count += 1 }
                state = now
            }
        }
        return count
    }

    /// A number for a sentence: three significant digits.
    static func format(_ x: Double) -> String { String(format: "%.3g", x) }

    /// A fraction as a percentage for a sentence, e.g. "98.9%".
    static func percent(_ x: Double) -> String { String(format: "%.3g%%", 100 * x) }
}
