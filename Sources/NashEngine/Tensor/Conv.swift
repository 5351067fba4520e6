/// 2-D convolution in NCHW layout by im2col + GEMM, and its two partial adjoints.
///
/// For x [N,C,H,W] and w [O,C,kh,kw], stride s and zero padding p,
///     y[n,o,i,j] = Σ_{c,a,b} w[o,c,a,b] · x[n, c, i·s − p + a, j·s − p + b],   Ho = (H + 2p − kh)/s + 1.
/// The three maps conv(x, w), transpose(y, w) (the adjoint in x) and filter(x, y) (the adjoint in w)
/// are the partial adjoints of T(x, w, y) = ⟨conv(x, w), y⟩, so each one's gradients are the other two
/// and every derivative of any order stays inside this family.
/// Work: images run one after another (each GEMM splits its own rows over threads); im2col and col2im
/// split over channel rows. The filter gradient sums images in order 0, 1, … with GEMM's beta = 1.
enum Conv {
    struct Geometry {
        let n, c, h, w, o, kh, kw, stride, pad, ho, wo: Int
        var patch: Int { c * kh * kw }
        var pixels: Int { ho * wo }

        init(x: [Int], o: Int, kh: Int, kw: Int, stride: Int, pad: Int) {
            precondition(x.count == 4, "convolution input must be NCHW, shape is \(x)")
            precondition(stride >= 1 && pad >= 0, "stride must be ≥ 1 and padding ≥ 0")
            (n, c, h, w) = (x[0], x[1], x[2], x[3])
            (self.o, self.kh, self.kw, self.stride, self.pad) = (o, kh, kw, stride, pad)
            precondition(h + 2 * pad >= kh && w + 2 * pad >= kw,
                         "kernel \(kh)×\(kw) larger than padded input \(h)×\(w) (padding \(pad))")
            ho = (h + 2 * pad - kh) / stride + 1
            wo = (w + 2 * pad - kw) / stride + 1
        }

        /// Whether im2col is the identity (1×1 kernel, stride 1, no padding).
        var isPointwise: Bool { kh == 1 && kw == 1 && stride == 1 && pad == 0 }
    }

    /// conv(x [N,C,H,W], w [O,C,kh,kw]) -> [N,O,Ho,Wo].
    static func forward(_ x: Tensor, _ w: Tensor, stride: Int, padding: Int) -> Tensor {
        precondition(w.rank == 4 && x.rank == 4 && x.shape[1] == w.shape[1],
                     "conv2d needs x [N,C,H,W] and w [O,C,kh,kw] with equal C, got \(x.shape) and \(w.shape)")
        let g = Geometry(x: x.shape, o: w.shape[0], kh: w.shape[2], kw: w.shape[3], stride: stride, pad: padding)
        let cols = TensorBuffer(count: g.isPointwise ? 0 : g.patch * g.pixels)
        return Tensor.make([g.n, g.o, g.ho, g.wo], .conv2d(stride: stride, padding: padding), [x, w]) { y in
            for i in 0..<g.n {
                let image = x.buffer.pointer + i * g.c * g.h * g.w
                let b: UnsafePointer<Float>
                if g.isPointwise { b = UnsafePointer(image) } else { im2col(image, cols.pointer, g); b = UnsafePointer(cols.pointer) }
                Gemm.multiply(transA: false, transB: false, m: g.o, n: g.pixels, k: g.patch,
                              a: w.buffer.pointer, lda: g.patch, b: b, ldb: g.pixels,
                              c: y + i * g.o * g.pixels, ldc: g.pixels)
            }
        }
    }

    /// The adjoint of conv in x: transpose(y [N,O,Ho,Wo], w [O,C,kh,kw]) -> [N,C,height,width].
    static func transpose(_ y: Tensor, _ w: Tensor, stride: Int, padding: Int, height: Int, width: Int) -> Tensor {
        precondition(w.rank == 4 && y.rank == 4 && y.shape[1] == w.shape[0],
                     "transposed conv needs y [N,O,H,W] and w [O,C,kh,kw] with equal O, got \(y.shape) and \(w.shape)")
        let g = Geometry(x: [y.shape[0], w.shape[1], height, width], o: w.shape[0], kh: w.shape[2], kw: w.shape[3],
                         stride: stride, pad: padding)
        precondition(g.ho == y.shape[2] && g.wo == y.shape[3],
                     "transposed conv output \(height)×\(width) does not map back to \(y.shape[2])×\(y.shape[3])")
        let cols = TensorBuffer(count: g.patch * g.pixels)
        return Tensor.make([g.n, g.c, g.h, g.w], .convTranspose2d(stride: stride, padding: padding), [y, w]) { x in
            for i in 0..<g.n {
                let image = x + i * g.c * g.h * g.w
                let c: UnsafeMutablePointer<Float> = g.isPointwise ? image : cols.pointer
                Gemm.multiply(transA: true, transB: false, m: g.patch, n: g.pixels, k: g.o,
                              a: w.buffer.pointer, lda: g.patch, b: y.buffer.pointer + i * g.o * g.pixels,
                              ldb: g.pixels, c: c, ldc: g.pixels)
                if !g.isPointwise { col2im(cols.pointer, image, g) }
            }
        }
    }

    /// The adjoint of conv in w: filter(x [N,C,H,W], y [N,O,Ho,Wo]) -> [O,C,kh,kw].
    static func filter(_ x: Tensor, _ y: Tensor, stride: Int, padding: Int, kh: Int, kw: Int) -> Tensor {
        precondition(x.rank == 4 && y.rank == 4 && x.shape[0] == y.shape[0],
                     "filter gradient needs x [N,C,H,W] and y [N,O,Ho,Wo], got \(x.shape) and \(y.shape)")
        let g = Geometry(x: x.shape, o: y.shape[1], kh: kh, kw: kw, stride: stride, pad: padding)
        precondition(g.ho == y.shape[2] && g.wo == y.shape[3], "filter gradient: y \(y.shape) does not fit x \(x.shape)")
        let cols = TensorBuffer(count: g.isPointwise ? 0 : g.patch * g.pixels)
        return Tensor.make([g.o, g.c, kh, kw], .conv2dFilter(stride: stride, padding: padding), [x, y]) { out in
            if g.n == 0 { out.update(repeating: 0, count: g.o * g.patch) }
            for i in 0..<g.n {
                let image = x.buffer.pointer + i * g.c * g.h * g.w
                let b: UnsafePointer<Float>
                if g.isPointwise { b = UnsafePointer(image) } else { im2col(image, cols.pointer, g); b = UnsafePointer(cols.pointer) }
                Gemm.multiply(transA: false, transB: true, m: g.o, n: g.patch, k: g.pixels,
                              a: y.buffer.pointer + i * g.o * g.pixels, lda: g.pixels, b: b, ldb: g.pixels,
                              beta: i == 0 ? 0 : 1, c: out, ldc: g.patch)
            }
        }
    }

    /// cols[(c·kh + a)·kw + b, i·Wo + j] = x[c, i·s − p + a, j·s − p + b] (0 outside the image).
    static func im2col(_ x: UnsafePointer<Float>, _ cols: UnsafeMutablePointer<Float>, _ g: Geometry) {
        Loops.chunked(g.patch, grain: Swift.max(1, Loops.grain / Swift.max(1, g.pixels))) { lo, hi in
            for row in lo..<hi {
                let c = row / (g.kh * g.kw), a = (row / g.kw) % g.kh, b = row % g.kw
                let plane = x + c * g.h * g.w
                for i in 0..<g.ho {
                    let dst = cols + row * g.pixels + i * g.wo
                    let ih = i * g.stride - g.pad + a
                    if ih < 0 || ih >= g.h { dst.update(repeating: 0, count: g.wo); continue }
                    let src = plane + ih * g.w
                    for j in 0..<g.wo {
                        let iw = j * g.stride - g.pad + b
                        dst[j] = iw >= 0 && iw < g.w ? src[iw] : 0
                    }
                }
            }
        }
    }

    /// The adjoint of im2col: x[c, ih, iw] = Σ of the cols entries that read it, summed in the order
    /// (a, b, i, j) ascending; channels are split between threads.
    static func col2im(_ cols: UnsafePointer<Float>, _ x: UnsafeMutablePointer<Float>, _ g: Geometry) {
        Loops.chunked(g.c, grain: Swift.max(1, Loops.grain / Swift.max(1, g.kh * g.kw * g.pixels))) { lo, hi in
            for c in lo..<hi {
                let plane = x + c * g.h * g.w
                plane.update(repeating: 0, count: g.h * g.w)
                for a in 0..<g.kh {
                    for b in 0..<g.kw {
                        let row = cols + ((c * g.kh + a) * g.kw + b) * g.pixels
                        for i in 0..<g.ho {
                            let ih = i * g.stride - g.pad + a
                            if ih < 0 || ih >= g.h { continue }
                            let dst = plane + ih * g.w, src = row + i * g.wo
                            for j in 0..<g.wo {
                                let iw = j * g.stride - g.pad + b
                                if iw >= 0 && iw < g.w { dst[iw] += src[j] }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// 2-D convolution (cross-correlation, as in every deep-learning library) of x [N,C,H,W] with filters
/// w [O,C,kh,kw], stride `stride` and `padding` zeros on each side: [N,O,(H+2p−kh)/s+1,(W+2p−kw)/s+1].
/// Add a bias as `y + b.reshaped(to: [1, O, 1, 1])`.
public func conv2d(_ x: Tensor, _ w: Tensor, stride: Int = 1, padding: Int = 0) -> Tensor {
    Conv.forward(x, w, stride: stride, padding: padding)
}

/// Transposed convolution (the gradient of `conv2d` in its input, used to upsample in DCGAN generators,
/// Radford et al. 2015, arXiv:1511.06434) of x [N,Cin,H,W] with w [Cin,Cout,kh,kw] (PyTorch's layout):
/// [N, Cout, (H−1)s − 2p + kh + outputPadding, (W−1)s − 2p + kw + outputPadding].
/// `outputPadding` (< stride) picks among the output sizes that a stride-s convolution maps to H.
public func convTranspose2d(_ x: Tensor, _ w: Tensor, stride: Int = 1, padding: Int = 0,
                            outputPadding: Int = 0) -> Tensor {
    precondition(x.rank == 4 && w.rank == 4, "convTranspose2d needs NCHW x and w [Cin,Cout,kh,kw]")
    precondition(outputPadding >= 0 && outputPadding < Swift.max(stride, 1), "outputPadding must be in 0..<stride")
    let h = (x.shape[2] - 1) * stride - 2 * padding + w.shape[2] + outputPadding
    let wd = (x.shape[3] - 1) * stride - 2 * padding + w.shape[3] + outputPadding
    precondition(h > 0 && wd > 0, "convTranspose2d output would be empty")
    return Conv.transpose(x, w, stride: stride, padding: padding, height: h, width: wd)
}
