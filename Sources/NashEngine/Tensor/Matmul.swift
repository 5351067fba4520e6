/// Matrix product op(a)·op(b), where op transposes when its flag is set; the transposes are read in
/// place by `Gemm.multiply`, never copied.
///
/// Shapes: 2-D a [m,k] (or [k,m] transposed) and b [k,n] (or [n,k]) give [m,n]; 3-D operands with the
/// same leading batch size B multiply batch by batch and give [B,m,n].
public func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
    precondition(a.rank == b.rank && (a.rank == 2 || a.rank == 3),
                 "matmul needs two 2-D or two 3-D tensors, got \(a.shape) and \(b.shape)")
    let batched = a.rank == 3
    let batch = batched ? a.shape[0] : 1
    precondition(!batched || b.shape[0] == batch, "batched matmul needs equal batch sizes: \(a.shape), \(b.shape)")
    let (ar, ac) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
    let (br, bc) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
    let (m, k) = transposeA ? (ac, ar) : (ar, ac)
    let (k2, n) = transposeB ? (bc, br) : (br, bc)
    precondition(k == k2, "matmul inner sizes differ: \(a.shape)\(transposeA ? "ᵀ" : "") · \(b.shape)\(transposeB ? "ᵀ" : "")")
    let shape = batched ? [batch, m, n] : [m, n]
    return Tensor.make(shape, .matmul(transposeA: transposeA, transposeB: transposeB), [a, b]) { c in
        if k == 0 { c.update(repeating: 0, count: batch * m * n); return }
        for i in 0..<batch {
            Gemm.multiply(transA: transposeA, transB: transposeB, m: m, n: n, k: k,
                          a: a.buffer.pointer + i * ar * ac, lda: ac,
                          b: b.buffer.pointer + i * br * bc, ldb: bc,
                          c: c + i * m * n, ldc: n)
        }
    }
}

/// x·w + b, and max(·, 0) of it when `relu`: the dense layer, x [m,k], w [k,n], b [n] → [m,n].
///
/// One GEMM adds b (and clamps) in its epilogue, as each tile of the output is written, so the values
/// are bit for bit those of `matmul(x, w) + b` (`.relu()`): every element is the same product sum,
/// rounded, plus b[j], rounded. It saves one (two) passes over the output and their buffers.
public func linear(_ x: Tensor, _ w: Tensor, _ b: Tensor, relu: Bool = false) -> Tensor {
    precondition(x.rank == 2 && w.rank == 2 && b.rank == 1, "linear needs x [m,k], w [k,n], b [n]; got \(x.shape), \(w.shape), \(b.shape)")
    let (m, k, n) = (x.shape[0], x.shape[1], w.shape[1])
    precondition(w.shape[0] == k && b.shape[0] == n, "linear shapes do not fit: \(x.shape) · \(w.shape) + \(b.shape)")
    return Tensor.make([m, n], .linear(relu: relu), [x, w, b]) { c in
        Gemm.multiply(transA: false, transB: false, m: m, n: n, k: k, a: x.buffer.pointer, lda: k,
                      b: w.buffer.pointer, ldb: n, c: c, ldc: n, bias: b.buffer.pointer, relu: relu)
    }
}

/// op(a)·op(b) for 2-D operands with `gate` applied to every element t of the product in the GEMM's
/// epilogue: t · (mask > 0 ? 1 : slope), mask shaped like the product. The backward walks use it for
/// a layer's input gradient (`GateFusion`); recorded as `.gatedMatmul` when a or b requires a
/// gradient (a `createGraph` walk), so it differentiates like `matmul(a, b).gated(by: mask, slope:)`,
/// whose bits it has.
func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool, gate: GateFusion) -> Tensor {
    precondition(a.rank == 2 && b.rank == 2, "a gated matmul needs two 2-D tensors, got \(a.shape) and \(b.shape)")
    let (m, k) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
    let (k2, n) = transposeB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
    precondition(k == k2 && gate.mask.shape == [m, n], "gated matmul shapes do not fit: \(a.shape), \(b.shape), mask \(gate.mask.shape)")
    let mask = gate.mask
    return Tensor.make([m, n], .gatedMatmul(transposeA: transposeA, transposeB: transposeB, slope: gate.slope),
                       [a, b, mask]) { c in
        Gemm.multiply(transA: transposeA, transB: transposeB, m: m, n: n, k: k,
                      a: a.buffer.pointer, lda: a.shape[1], b: b.buffer.pointer, ldb: b.shape[1],
                      c: c, ldc: n, gate: mask.buffer.pointer, ldg: n, slope: gate.slope)
    }
}
