import CNashKernels

/// Summation over axes with a fixed order for every output element, which depends on the shape alone:
/// threads split outputs, or a long column sum's k-blocks (whose sums are then added in block order),
/// so results do not depend on the thread count.
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
        // Column sums, k-blocked as a GEMM's reduction over k is (`nash_sgemm_k_block(r)`: blocks of
        // at most 256 rows): each block's sum runs down its rows, ((x[p0, j] + x[p0+1, j]) + …), and
        // the blocks' sums are added in block order, ((s₀ + s₁) + s₂) + …. A bias gradient's rows
        // are the batch, so the threads take whole blocks, each reading the rows its own kernels
        // wrote (bench/README.md, "Near and far cores"). Split over (outer, k-block, inner block).
        let kc = Int(nash_sgemm_k_block(Int32(r))), kBlocks = (r + kc - 1) / kc
        let block = Swift.min(inner, 1024)
        let blocks = (inner + block - 1) / block
        let partial = kBlocks > 1 ? BufferPool.shared.take(outer * kBlocks * inner) : y
        defer { if kBlocks > 1 { BufferPool.shared.give(partial, count: outer * kBlocks * inner) } }
        Loops.chunked(outer * kBlocks * blocks, grain: Swift.max(1, Loops.grain / (kc * block))) { lo, hi in
            for t in lo..<hi {
                let q = t / blocks, j0 = (t % blocks) * block, j1 = Swift.min(inner, j0 + block)
                let (o, p) = (q / kBlocks, q % kBlocks)
                let rows = Swift.min(kc, r - p * kc)
                // k ascending within the block (a C loop, 16 lanes wide).
                nash_column_sums(x + (o * r + p * kc) * inner + j0, Int32(rows), Int32(j1 - j0), inner,
                                 partial + q * inner + j0)
            }
        }
        if kBlocks == 1 { return }
        Loops.chunked(outer * inner) { lo, hi in
            for e in lo..<hi {
                let (o, j) = (e / inner, e % inner)
                var s = partial[o * kBlocks * inner + j]
                for p in 1..<kBlocks { s = s + partial[(o * kBlocks + p) * inner + j] }
                y[e] = s
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
