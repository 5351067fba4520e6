/// Elementwise loops over raw buffers. Large loops are cut into fixed chunks of `grain` elements handed
/// to `Parallel.forEach`; each output element is computed by exactly one call of the element function,
/// so results do not depend on the thread count.
///
/// NB: the element function is a value of a type conforming to `UnaryElementFunction` or
/// `BinaryElementFunction`, not a closure. The loops run inside the closure handed to the thread pool,
/// which is compiled once per *generic specialisation*: with a type, each operation gets its own loop
/// with the function inlined and vectorised; with a closure, that loop called the function through
/// its context once per element, 25× slower, and only multi-threaded runs took that path
/// (bench/README.md, "Two threads").
enum Loops {
    /// Elements per parallel chunk. Below this a loop runs inline: spawning costs more than it saves.
    static let grain = 1 << 15

    /// Calls `body(start, end)` over consecutive chunks of 0..<n.
    @inline(__always)
    static func chunked(_ n: Int, grain: Int = Loops.grain, _ body: (Int, Int) -> Void) {
        if n <= grain {
            if n > 0 { body(0, n) }
            return
        }
        let chunks = (n + grain - 1) / grain
        Parallel.forEach(chunks) { c in body(c * grain, Swift.min(n, (c + 1) * grain)) }
    }

    /// y[i] = f(x[i]).
    static func map<F: UnaryElementFunction>(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                                             _ n: Int, _ f: F) {
        chunked(n) { s, e in for i in s..<e { y[i] = f(x[i]) } }
    }

    /// y[i] = f(a[i], b[i]).
    static func zip<F: BinaryElementFunction>(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                                              _ y: UnsafeMutablePointer<Float>, _ n: Int, _ f: F) {
        chunked(n) { s, e in for i in s..<e { y[i] = f(a[i], b[i]) } }
    }

    /// out = f(a, b) with broadcasting; `out` has shape `Shape.broadcast(sa, sb)` and `n` elements.
    /// Fast paths: equal shapes, a scalar side, a side repeated along leading axes (bias rows), and a
    /// side that varies along one run of axes only and is constant along the axes after it (per-row
    /// factors such as `x / norm(keepDims: true)`, per-channel ones such as batch norm's).
    static func broadcast<F: BinaryElementFunction>(_ a: UnsafePointer<Float>, _ sa: [Int],
                                                    _ b: UnsafePointer<Float>, _ sb: [Int],
                                                    _ y: UnsafeMutablePointer<Float>, _ os: [Int], _ f: F) {
        let n = Shape.count(os), na = Shape.count(sa), nb = Shape.count(sb)
        if n == 0 { return }
        if na == n && nb == n { return zip(a, b, y, n, f) }
        if na == n && nb == 1 {
            let s = b[0]
            return chunked(n) { lo, hi in for i in lo..<hi { y[i] = f(a[i], s) } }
        }
        if nb == n && na == 1 {
            let s = a[0]
            return chunked(n) { lo, hi in for i in lo..<hi { y[i] = f(s, b[i]) } }
        }
        // NB: row pointers below, not y[o + j]: the overflow check of o + j kept such loops scalar.
        if na == n, os.suffix(Shape.trimmed(sb).count).elementsEqual(Shape.trimmed(sb)) {
            // b repeats every nb elements.
            return chunked(n / nb, grain: Swift.max(1, grain / nb)) { lo, hi in
                for r in lo..<hi {
                    let ar = a + r * nb, yr = y + r * nb
                    for j in 0..<nb { yr[j] = f(ar[j], b[j]) }
                }
            }
        }
        if nb == n, os.suffix(Shape.trimmed(sa).count).elementsEqual(Shape.trimmed(sa)) {
            return chunked(n / na, grain: Swift.max(1, grain / na)) { lo, hi in
                for r in lo..<hi {
                    let br = b + r * na, yr = y + r * na
                    for j in 0..<na { yr[j] = f(a[j], br[j]) }
                }
            }
        }
        if na == n, let (_, mid, inner) = Shape.middle(sb, of: os) {
            // b constant over runs of `inner` elements and repeated every mid·inner: per row
            // ([n, d] / [n, 1], outer = 1) or per channel ([N, C, H, W] − [1, C, 1, 1]).
            return chunked(n / inner, grain: Swift.max(1, grain / inner)) { lo, hi in
                for r in lo..<hi {
                    let s = b[r % mid], ar = a + r * inner, yr = y + r * inner
                    for j in 0..<inner { yr[j] = f(ar[j], s) }
                }
            }
        }
        if nb == n, let (_, mid, inner) = Shape.middle(sa, of: os) {
            return chunked(n / inner, grain: Swift.max(1, grain / inner)) { lo, hi in
                for r in lo..<hi {
                    let s = a[r % mid], br = b + r * inner, yr = y + r * inner
                    for j in 0..<inner { yr[j] = f(s, br[j]) }
                }
            }
        }
        // General case: walk output rows (all axes but the last) with strided reads.
        let shape = os.isEmpty ? [1] : os
        let stA = os.isEmpty ? [0] : Shape.broadcastStrides(sa, to: os)
        let stB = os.isEmpty ? [0] : Shape.broadcastStrides(sb, to: os)
        let w = shape[shape.count - 1], ia = stA[stA.count - 1], ib = stB[stB.count - 1]
        chunked(n / w, grain: Swift.max(1, grain / w)) { lo, hi in
            var wa = RowWalk(shape, stA, row: lo), wb = RowWalk(shape, stB, row: lo)
            for r in lo..<hi {
                let pa = a + wa.offset, pb = b + wb.offset, py = y + r * w
                for j in 0..<w { py[j] = f(pa[j * ia], pb[j * ib]) }
                wa.next()
                wb.next()
            }
        }
    }

    /// Copies the strided view (`base`, `strides`) of `x`, of shape `shape`, into contiguous `y`.
    static func gather(_ x: UnsafePointer<Float>, base: Int, strides: [Int], shape: [Int],
                       into y: UnsafeMutablePointer<Float>) {
        let n = Shape.count(shape)
        if n == 0 { return }
        let sh = shape.isEmpty ? [1] : shape, st = shape.isEmpty ? [0] : strides
        let w = sh[sh.count - 1], s = st[st.count - 1]
        chunked(n / w, grain: Swift.max(1, grain / w)) { lo, hi in
            var walk = RowWalk(sh, st, row: lo)
            for r in lo..<hi {
                let px = x + base + walk.offset, py = y + r * w
                if s == 1 { py.update(from: px, count: w) } else { for j in 0..<w { py[j] = px[j * s] } }
                walk.next()
            }
        }
    }

    /// Writes contiguous `x` of shape `shape` into the strided view (`base`, `strides`) of `y`.
    static func scatter(_ x: UnsafePointer<Float>, shape: [Int], into y: UnsafeMutablePointer<Float>,
                        base: Int, strides: [Int]) {
        let n = Shape.count(shape)
        if n == 0 { return }
        let sh = shape.isEmpty ? [1] : shape, st = shape.isEmpty ? [0] : strides
        let w = sh[sh.count - 1], s = st[st.count - 1]
        chunked(n / w, grain: Swift.max(1, grain / w)) { lo, hi in
            var walk = RowWalk(sh, st, row: lo)
            for r in lo..<hi {
                let py = y + base + walk.offset, px = x + r * w
                if s == 1 { py.update(from: px, count: w) } else { for j in 0..<w { py[j * s] = px[j] } }
                walk.next()
            }
        }
    }
}

/// Offset of the start of each row (all axes but the last) of a strided view, visited in row-major order.
struct RowWalk {
    private let sizes: [Int]
    private let strides: [Int]
    private var index: [Int]
    private(set) var offset = 0

    /// Starts at row `row` of a view with `shape` and `strides` (the last axis is the row itself).
    init(_ shape: [Int], _ strides: [Int], row: Int) {
        sizes = Array(shape.dropLast())
        self.strides = Array(strides.dropLast())
        index = [Int](repeating: 0, count: sizes.count)
        var r = row
        for d in stride(from: sizes.count - 1, through: 0, by: -1) {
            index[d] = r % sizes[d]
            r /= sizes[d]
            offset += index[d] * self.strides[d]
        }
    }

    mutating func next() {
        var d = sizes.count - 1
        while d >= 0 {
            index[d] += 1
            offset += strides[d]
            if index[d] < sizes[d] { return }
            offset -= strides[d] * sizes[d]
            index[d] = 0
            d -= 1
        }
    }
}
