/// Shape arithmetic shared by the tensor operations: element counts, row-major strides and NumPy
/// broadcasting (align shapes on the right; each pair of sizes must be equal or one of them 1).
enum Shape {
    static func count(_ shape: [Int]) -> Int { shape.reduce(1, *) }

    /// Row-major strides in elements.
    static func strides(_ shape: [Int]) -> [Int] {
        var s = [Int](repeating: 1, count: shape.count)
        var acc = 1
        for d in stride(from: shape.count - 1, through: 0, by: -1) {
            s[d] = acc
            acc *= shape[d]
        }
        return s
    }

    /// The broadcast shape of `a` and `b`; traps with both shapes named when they are incompatible.
    static func broadcast(_ a: [Int], _ b: [Int]) -> [Int] {
        if a == b { return a }
        let r = Swift.max(a.count, b.count)
        var out = [Int](repeating: 1, count: r)
        for i in 0..<r {
            let x = i < r - a.count ? 1 : a[i - (r - a.count)]
            let y = i < r - b.count ? 1 : b[i - (r - b.count)]
            precondition(x == y || x == 1 || y == 1, "shapes \(a) and \(b) do not broadcast")
            out[i] = x == 1 ? y : x
        }
        return out
    }

    /// `shape` padded with leading ones to `rank`.
    static func padded(_ shape: [Int], toRank rank: Int) -> [Int] {
        [Int](repeating: 1, count: rank - shape.count) + shape
    }

    /// Strides that read a tensor of `shape` as if it had the larger shape `out` (0 on broadcast axes).
    static func broadcastStrides(_ shape: [Int], to out: [Int]) -> [Int] {
        let p = padded(shape, toRank: out.count)
        let s = strides(p)
        return (0..<out.count).map { p[$0] == out[$0] ? s[$0] : 0 }
    }

    /// Whether a tensor of `shape` can be broadcast to `out`.
    static func broadcasts(_ shape: [Int], to out: [Int]) -> Bool {
        guard shape.count <= out.count else { return false }
        let p = padded(shape, toRank: out.count)
        return (0..<out.count).allSatisfy { p[$0] == out[$0] || p[$0] == 1 }
    }

    /// `axis` in 0..<rank, accepting negative axes counted from the end.
    static func axis(_ axis: Int, rank: Int) -> Int {
        let a = axis < 0 ? axis + rank : axis
        precondition(a >= 0 && a < rank, "axis \(axis) out of range for rank \(rank)")
        return a
    }

    /// `shape` without its leading ones.
    static func trimmed(_ shape: [Int]) -> ArraySlice<Int> {
        shape.drop { $0 == 1 }
    }

    /// When `shape` (padded to the rank of `out`) equals `out` on one run of consecutive axes and is
    /// 1 elsewhere, the element counts (outer, middle, inner) before, on and after that run: element
    /// (o, m, t) of `out` reads element m. A per-channel factor [1, C, 1, 1] of an image batch
    /// [N, C, H, W] is (N, C, H·W).
    static func middle(_ shape: [Int], of out: [Int]) -> (outer: Int, middle: Int, inner: Int)? {
        let p = padded(shape, toRank: out.count)
        guard let first = p.firstIndex(where: { $0 != 1 }), let last = p.lastIndex(where: { $0 != 1 }),
              (first...last).allSatisfy({ p[$0] == out[$0] }) else { return nil }
        return (count(Array(out[..<first])), count(Array(out[first...last])), count(Array(out[(last + 1)...])))
    }
}
