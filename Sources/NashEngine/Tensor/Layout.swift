/// Reductions and layout primitives: sum, broadcast, reshape, permute.
extension Tensor {
    /// Σ over `axes` (negative axes count from the end); with `keepDims` the summed axes stay as size 1.
    public func sum(axes: [Int], keepDims: Bool = false) -> Tensor {
        let set = Set(axes.map { Shape.axis($0, rank: rank) })
        let normalized = set.sorted()
        let kept = shape.enumerated().map { set.contains($0.offset) ? 1 : $0.element }
        let outShape = keepDims ? kept : shape.enumerated().filter { !set.contains($0.offset) }.map(\.element)
        let b = Reduce.sum(buffer.pointer, shape: shape, axes: set)
        let node = requiresGrad ? Node(.sum(axes: normalized, keepDims: keepDims), [self]) : nil
        return Tensor(shape: outShape, buffer: b, node: node)
    }

    /// Σ of all elements, as a rank-0 tensor.
    public func sum() -> Tensor { sum(axes: Array(0..<rank)) }

    /// This tensor repeated along new leading axes and size-1 axes to `shape` (NumPy rules).
    public func broadcast(to shape: [Int]) -> Tensor {
        precondition(Shape.broadcasts(self.shape, to: shape), "cannot broadcast \(self.shape) to \(shape)")
        if shape == self.shape { return self }
        let strides = Shape.broadcastStrides(self.shape, to: shape)
        if Shape.count(shape) > 0, let (_, mid, inner) = Shape.middle(self.shape, of: shape) {
            // Runs of one value (a per-channel value over an image batch): filled, not gathered.
            return Tensor.make(shape, .broadcast, [self]) { y in
                let x = buffer.pointer, n = Shape.count(shape)
                Loops.chunked(n / inner, grain: Swift.max(1, Loops.grain / inner)) { lo, hi in
                    for r in lo..<hi { (y + r * inner).update(repeating: x[r % mid], count: inner) }
                }
            }
        }
        return Tensor.make(shape, .broadcast, [self]) {
            Loops.gather(buffer.pointer, base: 0, strides: strides, shape: shape, into: $0)
        }
    }

    /// Sums this tensor down to `shape`, the reverse of broadcasting to it (derived: sum + reshape).
    public func sum(to shape: [Int]) -> Tensor {
        if shape == self.shape { return self }
        precondition(Shape.broadcasts(shape, to: self.shape), "cannot sum \(self.shape) down to \(shape)")
        let p = Shape.padded(shape, toRank: rank)
        let axes = (0..<rank).filter { p[$0] == 1 && self.shape[$0] != 1 }
        return sum(axes: axes, keepDims: true).reshaped(to: shape)
    }

    /// The same values in a new shape of the same count; one axis may be -1 (inferred). Shares storage.
    public func reshaped(to newShape: [Int]) -> Tensor {
        var s = newShape
        if let i = s.firstIndex(of: -1) {
            let known = s.enumerated().filter { $0.offset != i }.reduce(1) { $0 * $1.element }
            precondition(known > 0 && count % known == 0, "cannot reshape \(shape) to \(newShape)")
            s[i] = count / known
        }
        precondition(Shape.count(s) == count && s.allSatisfy { $0 >= 0 }, "cannot reshape \(shape) to \(newShape)")
        if s == shape { return self }
        return Tensor(shape: s, buffer: buffer, node: requiresGrad ? Node(.reshape, [self]) : nil)
    }

    /// Axes reordered: result axis i is input axis `axes[i]`.
    public func permuted(_ axes: [Int]) -> Tensor {
        precondition(axes.sorted() == Array(0..<rank), "\(axes) is not a permutation of the \(rank) axes")
        if axes == Array(0..<rank) { return self }
        let inStrides = Shape.strides(shape)
        let outShape = axes.map { shape[$0] }
        let strides = axes.map { inStrides[$0] }
        return Tensor.make(outShape, .permute(axes), [self]) { y in
            if rank == 2 {
                Tensor.transpose(buffer.pointer, y, rows: shape[0], cols: shape[1])
            } else {
                Loops.gather(buffer.pointer, base: 0, strides: strides, shape: outShape, into: y)
            }
        }
    }

    /// The transpose of a 2-D tensor (derived: permute).
    public func transposed() -> Tensor {
        precondition(rank == 2, "transposed() needs a 2-D tensor, shape is \(shape); use permuted(_:)")
        return permuted([1, 0])
    }

    /// y[j, i] = x[i, j] in 32×32 tiles, so both sides stay in cache.
    static func transpose(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, cols: Int) {
        let t = 32
        let tileRows = (rows + t - 1) / t
        Loops.chunked(tileRows, grain: Swift.max(1, Loops.grain / Swift.max(1, cols * t))) { lo, hi in
            for bi in lo..<hi {
                let i0 = bi * t, i1 = Swift.min(rows, i0 + t)
                var j0 = 0
                while j0 < cols {
                    let j1 = Swift.min(cols, j0 + t)
                    for i in i0..<i1 { for j in j0..<j1 { y[j * rows + i] = x[i * cols + j] } }
                    j0 = j1
                }
            }
        }
    }
}
