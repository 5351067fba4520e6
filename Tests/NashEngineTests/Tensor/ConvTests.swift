import Testing
import CNashKernels
import NashEngine

/// Direct evaluation of the convolution sum, for reference.
func naiveConv(_ x: Tensor, _ w: Tensor, stride s: Int, padding p: Int) -> [Float] {
    let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (o, kh, kw) = (w.shape[0], w.shape[2], w.shape[3])
    let ho = (h + 2 * p - kh) / s + 1, wo = (wd + 2 * p - kw) / s + 1
    let vx = x.scalars, vw = w.scalars
    var out: [Float] = []
    for b in 0..<n { for f in 0..<o { for i in 0..<ho { for j in 0..<wo {
        var acc: Float = 0
        for ch in 0..<c { for a in 0..<kh { for e in 0..<kw {
            let ih = i * s - p + a, iw = j * s - p + e
            if ih >= 0 && ih < h && iw >= 0 && iw < wd {
                acc += vw[((f * c + ch) * kh + a) * kw + e] * vx[((b * c + ch) * h + ih) * wd + iw]
            }
        } } }
        out.append(acc)
    } } } }
    return out
}

@Test("conv2d matches the direct sum", arguments: [(1, 0), (1, 1), (2, 1), (3, 2)])
func convMatchesDirectSum(stride: Int, padding: Int) {
    var rng = SplitMix(UInt64(stride * 10 + padding))
    let x = randomTensor([2, 3, 7, 6], &rng), w = randomTensor([4, 3, 3, 2], &rng)
    let y = conv2d(x, w, stride: stride, padding: padding)
    let expected = naiveConv(x, w, stride: stride, padding: padding)
    #expect(y.count == expected.count)
    #expect(zip(y.scalars, expected).allSatisfy { abs($0 - $1) < 1e-5 })
}

@Test func transposedConvIsTheAdjointOfConv() {
    // ⟨conv(x, w), y⟩ = ⟨x, convT(y, w)⟩ for every x, y.
    var rng = SplitMix(4)
    let x = randomTensor([2, 3, 8, 8], &rng), w = randomTensor([5, 3, 4, 4], &rng)
    let y = randomTensor([2, 5, 4, 4], &rng)
    let lhs = (conv2d(x, w, stride: 2, padding: 1) * y).sum().item
    let up = convTranspose2d(y, w, stride: 2, padding: 1)
    #expect(up.shape == [2, 3, 8, 8])
    let rhs = (x * up).sum().item
    #expect(abs(lhs - rhs) < 1e-4 * max(1, abs(lhs)))
}

@Test func averagePooling() {
    let x = Tensor(shape: [1, 1, 4, 4]) { for i in 0..<16 { $0[i] = Float(i) } }
    #expect(avgPool2d(x, size: 2).scalars == [2.5, 4.5, 10.5, 12.5])
    #expect(avgPool2d(x, size: 3, stride: 1).shape == [1, 1, 2, 2])
    let xg = x.requiringGrad()
    let g = gradients(of: avgPool2d(xg, size: 2).sum(), wrt: [xg])[0]
    #expect(g.scalars == [Float](repeating: 0.25, count: 16))
}

// MARK: Grouped products and the im2col kernels keep the bits of one product per image

/// The number of positions where two arrays' bit patterns differ (or the count difference): a
/// failure then reports one number, not two arrays of 600 000 elements.
private func mismatches(_ a: [Float], _ b: [Float]) -> Int {
    zip(a, b).reduce(abs(a.count - b.count)) { $0 + ($1.0.bitPattern == $1.1.bitPattern ? 0 : 1) }
}

/// The three maps of a convolution as the engine computed them before images were grouped: one
/// `Gemm.multiply` per image on the written-out im2col, col2im written out, and the filter gradient's
/// per-image products added in image order (beta = 1). `x` [N,C,H,W], `w` [O,C,kh,kw].
private struct PerImage {
    let g: nash_conv_geometry
    let n: Int, o: Int, patch: Int, pixels: Int, image: Int

    init(input x: [Int], weights w: [Int], stride: Int, padding: Int) {
        let ho = (x[2] + 2 * padding - w[2]) / stride + 1, wo = (x[3] + 2 * padding - w[3]) / stride + 1
        g = nash_conv_geometry(c: Int32(x[1]), h: Int32(x[2]), w: Int32(x[3]), kh: Int32(w[2]), kw: Int32(w[3]),
                               stride: Int32(stride), pad: Int32(padding), ho: Int32(ho), wo: Int32(wo))
        (n, o, patch, pixels, image) = (x[0], w[0], x[1] * w[2] * w[3], ho * wo, x[1] * x[2] * x[3])
    }

    /// conv(x, w) [N, O, pixels].
    func conv(_ x: [Float], _ w: [Float]) -> [Float] {
        (0..<n).flatMap { i in
            let cols = referenceIm2col(Array(x[(i * image)..<((i + 1) * image)]), count: 1, g)
            return product(transA: false, transB: false, m: o, n: pixels, k: patch, w, patch, cols, pixels, beta: 0, nil)
        }
    }

    /// The adjoint of conv in x, from y [N, O, pixels].
    func transpose(_ y: [Float], _ w: [Float]) -> [Float] {
        (0..<n).flatMap { i in
            let cols = product(transA: true, transB: false, m: patch, n: pixels, k: o, w, patch,
                               Array(y[(i * o * pixels)..<((i + 1) * o * pixels)]), pixels, beta: 0, nil)
            return referenceCol2im(cols, count: 1, g)
        }
    }

    /// The adjoint of conv in w [O, patch], from x and y [N, O, pixels].
    func filter(_ x: [Float], _ y: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: o * patch)
        for i in 0..<n {
            let cols = referenceIm2col(Array(x[(i * image)..<((i + 1) * image)]), count: 1, g)
            out = product(transA: false, transB: true, m: o, n: patch, k: pixels,
                          Array(y[(i * o * pixels)..<((i + 1) * o * pixels)]), pixels, cols, pixels,
                          beta: i == 0 ? 0 : 1, out)
        }
        return out
    }

    private func product(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, _ a: [Float], _ lda: Int,
                         _ b: [Float], _ ldb: Int, beta: Float, _ c: [Float]?) -> [Float] {
        var c = c ?? [Float](repeating: 0, count: m * n)
        Gemm.multiply(transA: transA, transB: transB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
                      beta: beta, c: &c, ldc: n)
        return c
    }
}

/// Layers whose batches are grouped: a D-like strided convolution (forward as colsᵀ · wᵀ, patch 256),
/// a short-patch one (w · cols), a G-like transposed one from a 1×1 latent input (one product over
/// the batch, filter gradient in one-pixel segments), a transposed strided one, one whose 40 images
/// need three groups of at most 2¹⁸ im2col floats (14, 13, 13 images), and a 1×1 → 2×2 transposed
/// one with a 4-value patch (narrow products: kept out of the one-product path); on 1 and 2 threads.
@Test("batched convolutions give the bits of one product per image, and the filter gradient the per-image products added in image order",
      arguments: [([5, 16, 14, 14], [8, 16, 4, 4], 2, 1, false), ([5, 6, 14, 14], [8, 6, 2, 2], 2, 1, false),
                  ([6, 10, 1, 1], [10, 7, 4, 4], 1, 0, true), ([5, 8, 7, 7], [8, 4, 4, 4], 2, 1, true),
                  ([40, 16, 16, 16], [8, 16, 4, 4], 2, 1, false), ([3, 5, 1, 1], [5, 1, 2, 2], 1, 0, true)])
func groupedConvolutionKeepsPerImageBits(input: [Int], weights: [Int], stride: Int, padding: Int, transposed: Bool) {
    var rng = SplitMix(UInt64(input.reduce(1, *)))
    let x = randomTensor(input, &rng).requiringGrad(), w = randomTensor(weights, &rng).requiringGrad()
    for threads in [1, 2] {
        Parallel.withThreadCount(threads) {
            let y = transposed ? convTranspose2d(x, w, stride: stride, padding: padding)
                               : conv2d(x, w, stride: stride, padding: padding)
            let seed = randomTensor(y.shape, &rng)
            let grads = gradients(of: y, wrt: [x, w], seed: seed)
            // A transposed conv is conv's adjoint in x: its "image" side is its output.
            let reference = PerImage(input: transposed ? y.shape : input, weights: weights, stride: stride, padding: padding)
            let (forward, dx, dw) = transposed
                ? (reference.transpose(x.scalars, w.scalars), reference.conv(seed.scalars, w.scalars),
                   reference.filter(seed.scalars, x.scalars))
                : (reference.conv(x.scalars, w.scalars), reference.transpose(seed.scalars, w.scalars),
                   reference.filter(x.scalars, seed.scalars))
            #expect(mismatches(y.scalars, forward) == 0, "forward, \(threads) threads")
            #expect(mismatches(grads[0].scalars, dx) == 0, "∂x, \(threads) threads")
            #expect(mismatches(grads[1].scalars, dw) == 0, "∂w, \(threads) threads")
            #expect(dw.contains { $0 != 0 } && forward.contains { $0 != 0 })
        }
    }
}

@Test func emptyBatchConvolutionHasZeroFilterGradient() {
    var rng = SplitMix(9)
    let x = Tensor(shape: [0, 3, 8, 8], scalars: []).requiringGrad(), w = randomTensor([4, 3, 4, 4], &rng).requiringGrad()
    for y in [conv2d(x, w, stride: 2, padding: 1), convTranspose2d(conv2d(x, w, stride: 2, padding: 1), w, stride: 2, padding: 1)] {
        let g = gradients(of: y, wrt: [x, w], seed: Tensor(shape: y.shape, scalars: []))
        #expect(g[0].shape == [0, 3, 8, 8] && g[1].scalars == [Float](repeating: 0, count: 4 * 3 * 16))
    }
}

/// `Gemm.multiplySegments` against one `multiply` per segment, added in order, for one-pixel and
/// multi-k-block segments (300 and 301 > one k-block: the tile driver, not the register kernel; 301
/// ends each segment with a shorter block), with and without a starting C (beta = 1), and an edge
/// of rows and columns.
@Test("a segmented product equals one product per segment added in order, bit for bit",
      arguments: [(7, 1, 100, 6272), (5, 49, 128, 1024), (3, 300, 13, 37), (3, 301, 13, 37), (4, 2, 6, 5)])
func segmentedProductMatchesProductsPerSegment(segments: Int, length: Int, m: Int, n: Int) {
    var rng = SplitMix(UInt64(segments * 1000 + length))
    let a = randomTensor([segments, m, length], &rng).scalars
    let b = randomTensor([n, segments * length], &rng).scalars  // op(B) = bᵀ, rows segments·length apart
    let start = randomTensor([m, n], &rng).scalars
    for beta: Float in [0, 1] {
        var expected = start
        for s in 0..<segments {
            a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in
                Gemm.multiply(transA: false, transB: true, m: m, n: n, k: length, a: ap.baseAddress! + s * m * length,
                              lda: length, b: bp.baseAddress! + s * length, ldb: segments * length,
                              beta: s == 0 ? beta : 1, c: &expected, ldc: n)
            } }
        }
        for threads in [1, 2] {
            var got = start
            Parallel.withThreadCount(threads) {
                Gemm.multiplySegments(segments: segments, segmentLength: length, transB: true, m: m, n: n,
                                      a: a, lda: length, strideA: m * length, b: b, ldb: segments * length,
                                      beta: beta, c: &got, ldc: n)
            }
            #expect(mismatches(got, expected) == 0, "beta \(beta), \(threads) threads")
        }
    }
}

/// im2col written out: every entry a copy or a zero.
private func referenceIm2col(_ x: [Float], count: Int, _ g: nash_conv_geometry) -> [Float] {
    let (c, h, w, kh, kw, s, p, ho, wo) = (Int(g.c), Int(g.h), Int(g.w), Int(g.kh), Int(g.kw), Int(g.stride),
                                           Int(g.pad), Int(g.ho), Int(g.wo))
    var cols = [Float](repeating: .nan, count: c * kh * kw * count * ho * wo)
    for ch in 0..<c { for a in 0..<kh { for b in 0..<kw { for n in 0..<count { for i in 0..<ho { for j in 0..<wo {
        let ih = i * s - p + a, iw = j * s - p + b
        let v: Float = ih >= 0 && ih < h && iw >= 0 && iw < w ? x[((n * c + ch) * h + ih) * w + iw] : 0
        cols[((ch * kh + a) * kw + b) * count * ho * wo + n * ho * wo + i * wo + j] = v
    } } } } } }
    return cols
}

/// col2im written out: each pixel starts at +0 and gets its terms in the order (a, b, i, j).
private func referenceCol2im(_ cols: [Float], count: Int, _ g: nash_conv_geometry) -> [Float] {
    let (c, h, w, kh, kw, s, p, ho, wo) = (Int(g.c), Int(g.h), Int(g.w), Int(g.kh), Int(g.kw), Int(g.stride),
                                           Int(g.pad), Int(g.ho), Int(g.wo))
    var x = [Float](repeating: 0, count: count * c * h * w)
    for n in 0..<count { for ch in 0..<c { for a in 0..<kh { for b in 0..<kw { for i in 0..<ho { for j in 0..<wo {
        let ih = i * s - p + a, iw = j * s - p + b
        if ih >= 0 && ih < h && iw >= 0 && iw < w {
            x[((n * c + ch) * h + ih) * w + iw] += cols[((ch * kh + a) * kw + b) * count * ho * wo + n * ho * wo + i * wo + j]
        }
    } } } } } }
    return x
}

/// Geometries for the vector paths (strides 1 and 2, rows of 1 to 40 values: one and two 16-lane
/// vectors, and past the 32-wide col2im path) and the scalar path (stride 3).
@Test("im2col and col2im equal their definitions bit for bit",
      arguments: [(3, 28, 28, 4, 4, 2, 1), (2, 7, 7, 4, 4, 2, 1), (2, 14, 14, 4, 4, 2, 1), (1, 7, 7, 7, 7, 1, 0),
                  (2, 9, 11, 3, 3, 1, 1), (2, 40, 33, 5, 3, 2, 2), (1, 36, 36, 3, 3, 1, 0), (2, 10, 9, 3, 2, 3, 2),
                  (1, 5, 5, 1, 1, 1, 0), (1, 6, 6, 4, 4, 2, 3), (1, 20, 24, 3, 3, 1, 1)])
func im2colKernelsMatchDefinition(c: Int, h: Int, w: Int, kh: Int, kw: Int, stride: Int, pad: Int) {
    let ho = (h + 2 * pad - kh) / stride + 1, wo = (w + 2 * pad - kw) / stride + 1
    var g = nash_conv_geometry(c: Int32(c), h: Int32(h), w: Int32(w), kh: Int32(kh), kw: Int32(kw),
                               stride: Int32(stride), pad: Int32(pad), ho: Int32(ho), wo: Int32(wo))
    let count = 3, rows = c * kh * kw, ld = count * ho * wo
    var rng = SplitMix(UInt64(h * 100 + w + stride))
    let x = randomTensor([count, c, h, w], &rng).scalars
    var cols = [Float](repeating: .nan, count: rows * ld)
    // In two row ranges, as two threads would split them.
    for (r0, r1) in [(0, rows / 2), (rows / 2, rows)] {
        nash_im2col(&g, x, Int32(count), &cols, ld, Int32(r0), Int32(r1))
    }
    #expect(mismatches(cols, referenceIm2col(x, count: count, g)) == 0)
    let upstream = randomTensor([rows, ld], &rng).scalars
    var image = [Float](repeating: .nan, count: count * c * h * w)
    for (p0, p1) in [(0, count * c / 2), (count * c / 2, count * c)] {
        nash_col2im(&g, upstream, ld, &image, Int32(p0), Int32(p1))
    }
    #expect(mismatches(image, referenceCol2im(upstream, count: count, g)) == 0)
}
