import CNashKernels

/// 2-D convolution in NCHW layout by im2col + GEMM, and its two partial adjoints.
///
/// For x [N,C,H,W] and w [O,C,kh,kw], stride s and zero padding p,
///     y[n,o,i,j] = Σ_{c,a,b} w[o,c,a,b] · x[n, c, i·s − p + a, j·s − p + b],   Ho = (H + 2p − kh)/s + 1.
/// The three maps conv(x, w), transpose(y, w) (the adjoint in x) and filter(x, y) (the adjoint in w)
/// are the partial adjoints of T(x, w, y) = ⟨conv(x, w), y⟩, so each one's gradients are the other two
/// and every derivative of any order stays inside this family.
/// Work: images are grouped (`groupSize`) into one GEMM whose columns are the group's pixels, with
/// the bits of one GEMM per image (`grouped`); im2col splits over patch rows and col2im over
/// (image, channel) planes. The filter gradient sums images in order 0, 1, … with GEMM's beta = 1.
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

        var kernelGeometry: nash_conv_geometry {
            nash_conv_geometry(c: Int32(c), h: Int32(h), w: Int32(w), kh: Int32(kh), kw: Int32(kw),
                               stride: Int32(stride), pad: Int32(pad), ho: Int32(ho), wo: Int32(wo))
        }

        /// Whether im2col is the identity (1×1 kernel, stride 1, no padding).
        var isPointwise: Bool { kh == 1 && kw == 1 && stride == 1 && pad == 0 }

        /// Whether the kernel covers the unpadded image exactly (a 1×1 map): im2col of an image is
        /// then the image itself as one column (patch index = pixel index), so the batch [N, patch]
        /// is op(B) of the whole batch's product as stored. A transposed convolution of a 1×1 latent
        /// input (DCGAN's first layer) has this geometry.
        var isWhole: Bool { ho == 1 && wo == 1 && pad == 0 && kh == h && kw == w }
    }

    /// Images per GEMM: as many as keep a group's im2col matrix (patch × images·pixels) within
    /// `groupFloats`, at least one. A product per image has few columns (49 for a 7×7 map: one and a
    /// half 32-column tiles) and packs its op(B) for each image; a group's product fills its tiles.
    /// NB: 2¹⁷ to 2²⁰ ran `dcgan28` within noise of each other (2²⁰ slower on the 7×7 layers).
    static let groupFloats = 1 << 18

    /// The group size: at most `groupFloats` of im2col matrix, the images shared evenly among the
    /// groups (64 images at 41 per group would be groups of 41 and 23; 32 and 32 fill the tiles).
    static func groupSize(_ g: Geometry) -> Int {
        guard g.n > 0 else { return 1 }
        let most = Swift.max(1, Swift.min(g.n, groupFloats / Swift.max(1, g.patch * g.pixels)))
        let groups = (g.n + most - 1) / most
        return (g.n + groups - 1) / groups
    }

    /// The batch cut for threads: `min(n, 2 · threads)` consecutive ranges of images (one range on
    /// one thread), each then cut into groups of at most `groupSize` images shared evenly. A range
    /// is one thread's from im2col to the images it writes, so nothing it writes is read by the
    /// other core (on this host a cache line that changes cores costs up to 350 ns); only w, which
    /// nobody writes, is shared. The bits do not depend on the cut.
    static func imageRanges(_ g: Geometry) -> [(first: Int, count: Int, size: Int)] {
        let chunks = threadRanges(g.n)
        let most = groupSize(g)
        return (0..<chunks).map { c in
            // count ≥ 1 (chunks ≤ n) and most ≥ 1, so groups ≥ 1.
            let first = g.n * c / chunks, count = g.n * (c + 1) / chunks - first
            let groups = (count + most - 1) / most
            return (first, count, (count + groups - 1) / groups)
        }
    }

    /// Ranges of work for the threads, at most `limit`: two per thread (a late-starting worker's
    /// range falls to the caller), or one when running on one thread.
    static func threadRanges(_ limit: Int) -> Int {
        Swift.min(limit, Parallel.effectiveThreadCount > 1 ? 2 * Parallel.effectiveThreadCount : 1)
    }

    /// `body(first, count, cols, other)` for every group of `imageRanges(g)`: each range on one
    /// thread, with its own buffers for a group's im2col matrix (`cols`, patch × group pixels) and
    /// its O × group pixels matrix (`other`).
    static func forEachGroup(_ g: Geometry, _ body: (_ first: Int, _ count: Int, _ cols: UnsafeMutablePointer<Float>,
                                                     _ other: UnsafeMutablePointer<Float>) -> Void) {
        let ranges = imageRanges(g)
        Parallel.forEach(ranges.count) { r in
            let range = ranges[r]
            let cols = TensorBuffer(count: g.patch * range.size * g.pixels)
            let other = TensorBuffer(count: g.o * range.size * g.pixels)
            for first in Swift.stride(from: range.first, to: range.first + range.count, by: range.size) {
                body(first, Swift.min(range.size, range.first + range.count - first), cols.pointer, other.pointer)
            }
        }
    }

    /// Whether images are grouped into one GEMM. The bits are those of the product per image:
    /// every element of C is the same chain over the same k (the patch, or O), whatever the number of
    /// columns, except that a product with at most NASH_GEMM_NARROW_N columns runs as dot products:
    /// for op(A) = A (conv) in another order, so a map of ≤ 4 pixels keeps one product per image;
    /// for op(A) = Aᵀ (`transpose`) as the tiles' chain over all of k, the same bits when k is one
    /// k-block (a transposed convolution of a 1×1 latent input, k = its channels).
    static func grouped(_ g: Geometry, transposedA: Bool) -> Bool {
        guard g.n > 1 else { return false }
        return g.pixels > Int(NASH_GEMM_NARROW_N) || (transposedA && Int(nash_sgemm_k_block(Int32(g.o))) == g.o)
    }

    /// conv(x [N,C,H,W], w [O,C,kh,kw]) -> [N,O,Ho,Wo].
    static func forward(_ x: Tensor, _ w: Tensor, stride: Int, padding: Int) -> Tensor {
        precondition(w.rank == 4 && x.rank == 4 && x.shape[1] == w.shape[1],
                     "conv2d needs x [N,C,H,W] and w [O,C,kh,kw] with equal C, got \(x.shape) and \(w.shape)")
        let g = Geometry(x: x.shape, o: w.shape[0], kh: w.shape[2], kw: w.shape[3], stride: stride, pad: padding)
        let image = g.c * g.h * g.w, out = g.o * g.pixels
        return Tensor.make([g.n, g.o, g.ho, g.wo], .conv2d(stride: stride, padding: padding), [x, w]) { y in
            guard grouped(g, transposedA: false) else {
                let cols = TensorBuffer(count: g.isPointwise ? 0 : g.patch * g.pixels)
                for i in 0..<g.n {
                    let xi = x.buffer.pointer + i * image
                    let b: UnsafePointer<Float>
                    if g.isPointwise { b = UnsafePointer(xi) } else { im2col(xi, 1, cols.pointer, g); b = UnsafePointer(cols.pointer) }
                    Gemm.multiply(transA: false, transB: false, m: g.o, n: g.pixels, k: g.patch,
                                  a: w.buffer.pointer, lda: g.patch, b: b, ldb: g.pixels,
                                  c: y + i * out, ldc: g.pixels)
                }
                return
            }
            // Per group: cols [patch, images·pixels], then the product with w. Computed as
            // colsᵀ · wᵀ [images·pixels, O] (pixel rows) and transposed into the images: the same
            // chain per element (fma(a, b, acc) = fma(b, a, acc)), and alone that product ran at 91%
            // of the peak against 77% for w · cols (nash-bench gemm, "conv" shapes: w · cols has
            // few rows, O = 128, over long rows of w). With O ≤ 4 that product would be narrow (dot
            // products, other bits), so w · cols it is; and with a short patch (k < 256: D's first
            // layer, 16) the product is cheap and the transpose into the images is not (29 against
            // 53 GFLOP/s for that layer's forward map).
            let pixelRows = g.o > Int(NASH_GEMM_NARROW_N) && g.patch >= 256
            // wᵀ packed once for every group (it was packed again for each group's product).
            let packedW = pixelRows ? PackedB(transB: true, n: g.o, k: g.patch, w.buffer.pointer, ldb: g.patch) : nil
            forEachGroup(g) { first, count, cols, c in
                let ld = count * g.pixels
                im2col(x.buffer.pointer + first * image, count, cols, g)
                if let packedW {
                    packedW.multiply(transA: true, m: ld, a: cols, lda: ld, c: c, ldc: g.o)
                    transposeBlocks(count: count, pixels: g.pixels, channels: g.o, c, into: y + first * out)
                } else {
                    Gemm.multiply(transA: false, transB: false, m: g.o, n: ld, k: g.patch,
                                  a: w.buffer.pointer, lda: g.patch, b: cols, ldb: ld, c: c, ldc: ld)
                    blocks(count: count, rows: g.o, width: g.pixels, grouped: c, into: y + first * out, toImages: true)
                }
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
        let image = g.c * g.h * g.w, out = g.o * g.pixels
        return Tensor.make([g.n, g.c, g.h, g.w], .convTranspose2d(stride: stride, padding: padding), [y, w]) { x in
            if g.isWhole && Int(nash_sgemm_k_block(Int32(g.o))) == g.o && g.patch > Int(NASH_GEMM_NARROW_N) {
                // x [N, patch] = y [N, O] · w [O, patch]: each element the chain over O that the
                // per-image product (wᵀ · y_i, one column: a dot product in the tiles' order when O
                // is one k-block) computes, and col2im's 0 + v is v (a GEMM result is never −0:
                // its chains start from +0). A patch of ≤ 4 would make this product narrow (dot
                // products in another order).
                Gemm.multiply(transA: false, transB: false, m: g.n, n: g.patch, k: g.o,
                              a: y.buffer.pointer, lda: g.o, b: w.buffer.pointer, ldb: g.patch, c: x, ldc: g.patch)
                return
            }
            guard grouped(g, transposedA: true) else {
                let cols = TensorBuffer(count: g.patch * g.pixels)
                for i in 0..<g.n {
                    let xi = x + i * image
                    let c: UnsafeMutablePointer<Float> = g.isPointwise ? xi : cols.pointer
                    Gemm.multiply(transA: true, transB: false, m: g.patch, n: g.pixels, k: g.o,
                                  a: w.buffer.pointer, lda: g.patch, b: y.buffer.pointer + i * out,
                                  ldb: g.pixels, c: c, ldc: g.pixels)
                    if !g.isPointwise { col2im(cols.pointer, 1, xi, g) }
                }
                return
            }
            // Per group: y's images side by side [O, images·pixels], cols = wᵀ · that, then col2im.
            forEachGroup(g) { first, count, cols, b in
                let ld = count * g.pixels
                blocks(count: count, rows: g.o, width: g.pixels, grouped: b,
                       into: UnsafeMutablePointer(mutating: y.buffer.pointer + first * out), toImages: false)
                Gemm.multiply(transA: true, transB: false, m: g.patch, n: ld, k: g.o,
                              a: w.buffer.pointer, lda: g.patch, b: b, ldb: ld, c: cols, ldc: ld)
                col2im(cols, count, x + first * image, g)
            }
        }
    }

    /// The adjoint of conv in w: filter(x [N,C,H,W], y [N,O,Ho,Wo]) -> [O,C,kh,kw].
    /// The bits of one GEMM per image (w = y_i · cols_iᵀ) added in image order (beta = 1): a single
    /// product over the batch would sum each element in one chain across images, other bits. Per
    /// group, a segmented product (`nash_sgemm_tile_segments`, a segment per image) does exactly
    /// that sum, on an im2col of the whole group; a patch of ≤ 4 values (dot products per image)
    /// keeps one product per image.
    static func filter(_ x: Tensor, _ y: Tensor, stride: Int, padding: Int, kh: Int, kw: Int) -> Tensor {
        precondition(x.rank == 4 && y.rank == 4 && x.shape[0] == y.shape[0],
                     "filter gradient needs x [N,C,H,W] and y [N,O,Ho,Wo], got \(x.shape) and \(y.shape)")
        let g = Geometry(x: x.shape, o: y.shape[1], kh: kh, kw: kw, stride: stride, pad: padding)
        precondition(g.ho == y.shape[2] && g.wo == y.shape[3], "filter gradient: y \(y.shape) does not fit x \(x.shape)")
        let image = g.c * g.h * g.w, out = g.o * g.pixels
        return Tensor.make([g.o, g.c, kh, kw], .conv2dFilter(stride: stride, padding: padding), [x, y]) { w in
            if g.n == 0 { w.update(repeating: 0, count: g.o * g.patch) }
            if g.isWhole && g.patch > Int(NASH_GEMM_NARROW_N) && g.n > 0 {
                // One segment of one pixel per image, op(B) = x [N, patch] as stored: no im2col.
                Gemm.multiplySegments(segments: g.n, segmentLength: 1, transB: false, m: g.o, n: g.patch,
                                      a: y.buffer.pointer, lda: 1, strideA: g.o, b: x.buffer.pointer, ldb: g.patch,
                                      c: w, ldc: g.patch)
                return
            }
            guard g.patch > Int(NASH_GEMM_NARROW_N) else {
                let cols = TensorBuffer(count: g.patch * g.pixels)
                for i in 0..<g.n {
                    im2col(x.buffer.pointer + i * image, 1, cols.pointer, g)
                    Gemm.multiply(transA: false, transB: true, m: g.o, n: g.patch, k: g.pixels,
                                  a: y.buffer.pointer + i * out, lda: g.pixels, b: cols.pointer, ldb: g.pixels,
                                  beta: i == 0 ? 0 : 1, c: w, ldc: g.patch)
                }
                return
            }
            // Threads split w's columns (patch rows, 16 per panel): each range makes its own rows of
            // every group's im2col, packs them and adds its columns' segments, so what it writes
            // stays on its core.
            let nr = Int(NASH_GEMM_NR), size = groupSize(g), panels = (g.patch + nr - 1) / nr
            let ranges = threadRanges(panels)
            let kernel = Gemm.defaultKernel.code
            Parallel.forEach(ranges) { r in
                let r0 = nr * (panels * r / ranges), r1 = Swift.min(g.patch, nr * (panels * (r + 1) / ranges))
                let rows = r1 - r0
                let cols = TensorBuffer(count: rows * size * g.pixels)
                let packed = PackedBuffer(count: Int(nash_sgemm_packed_b_count(Int32(rows), Int32(size * g.pixels))))
                for first in Swift.stride(from: 0, to: g.n, by: size) {
                    let count = Swift.min(size, g.n - first), ld = count * g.pixels
                    var geometry = g.kernelGeometry  // NB: a copy per thread, passed by address
                    nash_im2col(&geometry, x.buffer.pointer + first * image, Int32(count), cols.pointer - r0 * ld, ld,
                                Int32(r0), Int32(r1))
                    nash_sgemm_pack_b(1, Int32(rows), Int32(ld), cols.pointer, Int32(ld), packed.pointer, 0,
                                      Int32((rows + nr - 1) / nr))
                    nash_sgemm_tile_segments(kernel, Int32(g.o), Int32(rows), Int32(count), Int32(g.pixels),
                                             y.buffer.pointer + first * out, Int32(g.pixels), out, packed.pointer,
                                             first == 0 ? 0 : 1, w + r0, Int32(g.patch), 0, Int32(g.o), 0, Int32(rows))
                }
            }
        }
    }

    /// 64-byte aligned floats for packed panels (`nash_sgemm_pack_b` needs the alignment).
    final class PackedBuffer {
        let pointer: UnsafeMutablePointer<Float>
        let count: Int
        init(count: Int) {
            self.count = Swift.max(count, 16)
            pointer = UnsafeMutableRawPointer.allocate(byteCount: self.count * 4, alignment: 64)
                .bindMemory(to: Float.self, capacity: self.count)
        }
        deinit { UnsafeMutableRawPointer(pointer).deallocate() }
    }

    /// op(B) [k, n] packed once for several products C = op(A) · op(B) (alpha 1, beta 0, no
    /// epilogue), each run on the calling thread by the tile driver: the bits of `Gemm.multiply`
    /// for n > `NASH_GEMM_NARROW_N` (its other paths, k ≤ 4 and m ≤ 4, give the tiles' bits).
    struct PackedB {
        let buffer: PackedBuffer
        let n: Int, k: Int

        init(transB: Bool, n: Int, k: Int, _ b: UnsafePointer<Float>, ldb: Int) {
            precondition(n > Int(NASH_GEMM_NARROW_N))
            (self.n, self.k) = (n, k)
            buffer = PackedBuffer(count: Int(nash_sgemm_packed_b_count(Int32(n), Int32(k))))
            nash_sgemm_pack_b(transB ? 1 : 0, Int32(n), Int32(k), b, Int32(ldb), buffer.pointer, 0, Int32((n + Int(NASH_GEMM_NR) - 1) / Int(NASH_GEMM_NR)))
        }

        func multiply(transA: Bool, m: Int, a: UnsafePointer<Float>, lda: Int, c: UnsafeMutablePointer<Float>, ldc: Int) {
            nash_sgemm_tile_packed(Gemm.defaultKernel.code, transA ? 1 : 0, Int32(m), Int32(n), Int32(k), 1, a, Int32(lda),
                                   buffer.pointer, 0, c, Int32(ldc), 0, Int32(m), 0, Int32(n))
        }
    }

    /// y_n[o, p] = c[n·pixels + p, o] for the `count` images of a group (pixel rows to NCHW).
    static func transposeBlocks(count: Int, pixels: Int, channels: Int, _ c: UnsafePointer<Float>,
                                into y: UnsafeMutablePointer<Float>) {
        Loops.chunked(count * channels, grain: Swift.max(1, Loops.grain / pixels)) { lo, hi in
            for r in lo..<hi {
                let (n, o) = r.quotientAndRemainder(dividingBy: channels)
                let src = c + n * pixels * channels + o, dst = y + r * pixels
                for p in 0..<pixels { dst[p] = src[p * channels] }
            }
        }
    }

    /// Between images [count, rows, width] (NCHW, one image's rows contiguous) and the grouped
    /// layout [rows, count·width] (image i's block at columns i·width): `toImages` copies the
    /// grouped matrix into the images, otherwise the images into the grouped matrix.
    static func blocks(count: Int, rows: Int, width: Int, grouped: UnsafeMutablePointer<Float>,
                       into images: UnsafeMutablePointer<Float>, toImages: Bool) {
        let ld = count * width
        Loops.chunked(count * rows, grain: Swift.max(1, Loops.grain / width)) { lo, hi in
            for r in lo..<hi {
                let (i, row) = r.quotientAndRemainder(dividingBy: rows)
                let g = grouped + row * ld + i * width, m = images + r * width
                if toImages { m.update(from: g, count: width) } else { g.update(from: m, count: width) }
            }
        }
    }

    /// cols[(c·kh + a)·kw + b, n·pixels + i·Wo + j] = x_n[c, i·s − p + a, j·s − p + b] (0 outside the
    /// image) for `count` consecutive images from `x` (row stride count·pixels); rows split between
    /// threads (`nash_im2col`).
    static func im2col(_ x: UnsafePointer<Float>, _ count: Int, _ cols: UnsafeMutablePointer<Float>, _ g: Geometry) {
        let ld = count * g.pixels
        Loops.chunked(g.patch, grain: Swift.max(1, Loops.grain / Swift.max(1, ld))) { lo, hi in
            var geometry = g.kernelGeometry  // NB: a copy per chunk (chunks run on several threads)
            nash_im2col(&geometry, x, Int32(count), cols, ld, Int32(lo), Int32(hi))
        }
    }

    /// The adjoint of im2col for `count` images (cols' row stride count·pixels): x[c, ih, iw] = Σ of
    /// the cols entries that read it, summed in the order (a, b) ascending (each (a, b) reaches a
    /// pixel through one (i, j) at most); (image, channel) planes are split between threads
    /// (`nash_col2im`).
    static func col2im(_ cols: UnsafePointer<Float>, _ count: Int, _ x: UnsafeMutablePointer<Float>, _ g: Geometry) {
        let ld = count * g.pixels
        Loops.chunked(count * g.c, grain: Swift.max(1, Loops.grain / Swift.max(1, g.kh * g.kw * g.pixels))) { lo, hi in
            var geometry = g.kernelGeometry  // NB: a copy per chunk (chunks run on several threads)
            nash_col2im(&geometry, cols, ld, x, Int32(lo), Int32(hi))
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
