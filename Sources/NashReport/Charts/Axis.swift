import Foundation

/// A linear axis: a data interval mapped onto a pixel interval, with "nice" ticks (1, 2 or 5 × 10ⁿ
/// apart, about five of them) labelled with as many decimals as their spacing needs.
struct Axis {
    var lower: Double
    var upper: Double
    /// Pixel positions of `lower` and `upper` (upper may be the smaller number: SVG's y grows down).
    var from: Double
    var to: Double
    var ticks: [Double]
    var tickStep: Double

    /// An axis over `values`' range; `rounded` widens the range out to whole ticks (the y axis).
    init(_ values: [Double], from: Double, to: Double, rounded: Bool) {
        var lo = values.min() ?? 0, hi = values.max() ?? 1
        if hi - lo <= max(abs(lo), abs(hi)) * 1e-12 {
            // A flat curve: a unit interval around it (or ±10% of its size).
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            (lo, hi) = (lo - pad, hi + pad)
        }
        let step = Axis.niceStep((hi - lo) / 5)
        if rounded { (lo, hi) = ((lo / step).rounded(.down) * step, (hi / step).rounded(.up) * step) }
        let first = (lo / step).rounded(.up), last = (hi / step).rounded(.down)
        ticks = stride(from: first, through: last, by: 1).map { $0 * step }
        tickStep = step
        lower = lo
        upper = hi
        self.from = from
        self.to = to
    }

    func position(_ x: Double) -> Double { from + (x - lower) / (upper - lower) * (to - from) }

    /// 1, 2 or 5 × 10ⁿ, the nearest at or above `raw`.
    static func niceStep(_ raw: Double) -> Double {
        let exponent = log10(raw).rounded(.down), base = pow(10, exponent)
        let fraction = raw / base
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * base
    }

    func label(_ x: Double) -> String {
        let magnitude = max(abs(lower), abs(upper))
        if magnitude >= 1e6 || (magnitude < 1e-3 && magnitude > 0) { return String(format: "%g", x) }
        let decimals = max(0, Int(-log10(tickStep).rounded(.down)))
        let text = String(format: "%.\(decimals)f", abs(x) < tickStep * 1e-9 ? 0 : x)
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }
}

/// Pixel coordinates with two decimals: enough for any screen, and the same bytes every time.
func px(_ x: Double) -> String { String(format: "%.2f", x) }
