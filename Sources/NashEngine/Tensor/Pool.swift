/// Average pooling over size×size windows of NCHW tensors, and its adjoint (its gradient).
enum Pool {
    /// Output side for an input side `n`: (n − size)/stride + 1.
    static func side(_ n: Int, _ size: Int, _ stride: Int) -> Int { (n - size) / stride + 1 }

    /// y[n,c,i,j] = (1/size²) Σ_{a,b<size} x[n, c, i·stride + a, j·stride + b]; planes split over threads.
    static func average(_ x: Tensor, size: Int, stride: Int) -> Tensor {
        precondition(x.rank == 4, "avgPool2d needs an NCHW tensor, shape is \(x.shape)")
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        precondition(size >= 1 && stride >= 1 && h >= size && w >= size, "pool window \(size) does not fit \(h)×\(w)")
        let ho = side(h, size, stride), wo = side(w, size, stride), scale = 1 / Float(size * size)
        let src = x.buffer.pointer
        return Tensor.make([n, c, ho, wo], .avgPool2d(size: size, stride: stride), [x]) { y in
            Loops.chunked(n * c, grain: Swift.max(1, Loops.grain / (h * w))) { lo, hi in
                for p in lo..<hi {
                    let plane = src + p * h * w, out = y + p * ho * wo
                    for i in 0..<ho {
                        for j in 0..<wo {
                            var s: Float = 0
                            for a in 0..<size {
                                let row = plane + (i * stride + a) * w + j * stride
                                for b in 0..<size { s += row[b] }
                            }
                            out[i * wo + j] = s * scale
                        }
                    }
                }
            }
        }
    }

    /// x[n,c,i·stride + a, j·stride + b] += g[n,c,i,j] / size², over (i, j, a, b) ascending; the adjoint of
    /// `average` for an input of `height`×`width`.
    static func adjoint(_ g: Tensor, size: Int, stride: Int, height h: Int, width w: Int) -> Tensor {
        let (n, c, ho, wo) = (g.shape[0], g.shape[1], g.shape[2], g.shape[3])
        precondition(side(h, size, stride) == ho && side(w, size, stride) == wo, "pool adjoint: sizes do not match")
        let scale = 1 / Float(size * size), src = g.buffer.pointer
        return Tensor.make([n, c, h, w], .avgPool2dAdjoint(size: size, stride: stride), [g]) { x in
            Loops.chunked(n * c, grain: Swift.max(1, Loops.grain / (h * w))) { lo, hi in
                for p in lo..<hi {
                    let plane = x + p * h * w, gp = src + p * ho * wo
                    plane.update(repeating: 0, count: h * w)
                    for i in 0..<ho {
                        for j in 0..<wo {
                            let v = gp[i * wo + j] * scale
                            for a in 0..<size {
                                let row = plane + (i * stride + a) * w + j * stride
                                for b in 0..<size { row[b] += v }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Average pooling of x [N,C,H,W] over size×size windows moved by `stride` (default: `size`, i.e.
/// non-overlapping), no padding: [N, C, (H−size)/stride + 1, (W−size)/stride + 1].
public func avgPool2d(_ x: Tensor, size: Int, stride: Int? = nil) -> Tensor {
    Pool.average(x, size: size, stride: stride ?? size)
}
