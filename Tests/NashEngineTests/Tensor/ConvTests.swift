import Testing
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
