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

/// Images [i, i+1) of a batch as a batch of one (which runs the product per image).
private func image(_ x: Tensor, _ i: Int) -> Tensor {
    let per = x.count / x.shape[0]
    return Tensor(shape: [1] + x.shape.dropFirst(), scalars: Array(x.scalars[(i * per)..<((i + 1) * per)]))
}

private func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }

/// Layers whose batches are grouped into one GEMM (`Conv.grouped`): a D-like strided convolution,
/// a G-like transposed one from a 1×1 latent input (k = its channels, one k-block), and one whose
/// 40 images need three groups of at most 2¹⁸ im2col floats (14, 13, 13 images).
@Test("batched convolutions give the bits of one product per image, and the filter gradient the per-image gradients added in image order",
      arguments: [([5, 6, 14, 14], [8, 6, 4, 4], 2, 1, false), ([6, 10, 1, 1], [10, 7, 4, 4], 1, 0, true),
                  ([5, 8, 7, 7], [8, 4, 4, 4], 2, 1, true), ([40, 16, 16, 16], [8, 16, 4, 4], 2, 1, false)])
func groupedConvolutionKeepsPerImageBits(input: [Int], weights: [Int], stride: Int, padding: Int, transposed: Bool) {
    var rng = SplitMix(UInt64(input.reduce(1, *)))
    let x = randomTensor(input, &rng).requiringGrad(), w = randomTensor(weights, &rng).requiringGrad()
    func apply(_ x: Tensor, _ w: Tensor) -> Tensor {
        transposed ? convTranspose2d(x, w, stride: stride, padding: padding) : conv2d(x, w, stride: stride, padding: padding)
    }
    let y = apply(x, w)
    let seed = randomTensor(y.shape, &rng)
    let grads = gradients(of: y, wrt: [x, w], seed: seed)
    var filter: [Float] = []
    for i in 0..<input[0] {
        let xi = image(x, i).requiringGrad(), yi = apply(xi, w)
        let per = y.count / input[0]
        #expect(bits(yi.scalars) == bits(Array(y.scalars[(i * per)..<((i + 1) * per)])), "image \(i): forward")
        let gi = gradients(of: yi, wrt: [xi, w], seed: image(seed, i))
        let xper = x.count / input[0]
        #expect(bits(gi[0].scalars) == bits(Array(grads[0].scalars[(i * xper)..<((i + 1) * xper)])), "image \(i): ∂x")
        filter = i == 0 ? gi[1].scalars : zip(filter, gi[1].scalars).map { $0 + $1 }
    }
    #expect(bits(filter) == bits(grads[1].scalars), "∂w")
    #expect(filter.contains { $0 != 0 })
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
    #expect(bits(cols) == bits(referenceIm2col(x, count: count, g)))
    let upstream = randomTensor([rows, ld], &rng).scalars
    var image = [Float](repeating: .nan, count: count * c * h * w)
    for (p0, p1) in [(0, count * c / 2), (count * c / 2, count * c)] {
        nash_col2im(&g, upstream, ld, Int32(count), &image, Int32(p0), Int32(p1))
    }
    #expect(bits(image) == bits(referenceCol2im(upstream, count: count, g)))
}
