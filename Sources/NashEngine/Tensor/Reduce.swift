import CNashKernels

/// Summation over axes with a fixed order for every output element: threads split outputs, never one
/// output's sum, so results do not depend on the thread count.
enum Reduce {
    /// Sums `x` (of `shape`) over `axes`; the result is laid out as the keep-dims shape.
    static func sum(_ x: UnsafePointer<Float>, shape: [Int], axes: Set<Int>) -> TensorBuffer {
        // Coalesce neighbouring axes of the same kind and drop size-1 axes: the sum then alternates
        // between kept and reduced blocks, reduced one at a time from the last.
        var dims: [(size: Int, reduced: Bool)] = []
        for (d, size) in shape.enumerated() where size != 1 {
            let r = axes.contains(d)
            if let last = dims.last, last.reduced == r {
                dims[dims.count - 1].size *= size
            } else {
                dims.append((size, r))
            }
        }
        let outCount = dims.filter { !$0.reduced }.reduce(1) { $0 * $1.size }
        if dims.contains(where: { $0.size == 0 }) { return TensorBuffer(zeros: outCount) }
        var current: TensorBuffer? = nil
        var source = x
        while let k = dims.lastIndex(where: { $0.reduced }) {
            let outer = dims[..<k].reduce(1) { $0 * $1.size }
            let inner = dims[(k + 1)...].reduce(1) { $0 * $1.size }
            let out = TensorBuffer(count: outer * inner)
            sumAxis(source, out.pointer, outer: outer, r: dims[k].size, inner: inner)
            dims.remove(at: k)
            current = out
            source = UnsafePointer(out.pointer)
        }
        if let current { return current }
        let copy = TensorBuffer(count: outCount)
        copy.pointer.update(from: x, count: outCount)
        return copy
    }

    /// y[o, j] = Σ_k x[o, k, j] for x viewed as [outer, r, inner].
    static func sumAxis(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                        outer: Int, r: Int, inner: Int) {
        if inner == 1 {
            Loops.chunked(outer, grain: Swift.max(1, Loops.grain / r)) { lo, hi in
                for o in lo..<hi { y[o] = contiguousSum(x + o * r, r) }
            }
            return
        }
        // Rows of `inner` outputs accumulate k = 0, 1, … in turn; split over (outer, inner block).
        let block = Swift.min(inner, 1024)
        let blocks = (inner + block - 1) / block
        Loops.chunked(outer * blocks, grain: Swift.max(1, Loops.grain / (r * block))) { lo, hi in
            for t in lo..<hi {
                let o = t / blocks, j0 = (t % blocks) * block, j1 = Swift.min(inner, j0 + block)
                // y[j] = ((x[0, j] + x[1, j]) + x[2, j]) + …, k ascending (a C loop, 16 lanes wide).
                let py = y + o * inner
                let px = x + o * r * inner
                nash_column_sums(px + j0, Int32(r), Int32(j1 - j0), inner, py + j0)
            }
        }
    }

    /// Σ x[0..<n] with eight interleaved partial sums combined pairwise: a fixed order that is faster
    /// (no single dependency chain) and more accurate than one running sum.
    @inline(__always)
    static func contiguousSum(_ x: UnsafePointer<Float>, _ n: Int) -> Float {
        var a0: Float = 0, a1: Float = 0, a2: Float = 0, a3: Float = 0
        var a4: Float = 0, a5: Float = 0, a6: Float = 0, a7: Float = 0
        var i = 0
        while i + 8 <= n {
            a0 += x[i]; a1 += x[i + 1]; a2 += x[i + 2]; a3 += x[i + 3]
            a4 += x[i + 4]; a5 += x[i + 5]; a6 += x[i + 6]; a7 += x[i + 7]
            i += 8
        }
        var tail: Float = 0
        while i < n { tail += x[i]; i += 1 }
        return (((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7))) + tail
    }
}
