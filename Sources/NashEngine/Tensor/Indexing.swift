/// Slicing, concatenation and row gathering, with their adjoints (zero padding and scatter-add) that
/// serve as their gradients.
extension Tensor {
    /// The block `ranges[d]` of every axis d; axes past `ranges.count` are kept whole.
    public func slice(_ ranges: [Range<Int>]) -> Tensor {
        precondition(ranges.count <= rank, "\(ranges.count) ranges for a rank-\(rank) tensor")
        let full = ranges + shape.dropFirst(ranges.count).map { 0..<$0 }
        for (d, r) in full.enumerated() {
            precondition(r.lowerBound >= 0 && r.upperBound <= shape[d], "range \(r) outside axis \(d) of \(shape)")
        }
        if full.enumerated().allSatisfy({ $0.element == 0..<shape[$0.offset] }) { return self }
        let strides = Shape.strides(shape)
        let base = zip(full, strides).reduce(0) { $0 + $1.0.lowerBound * $1.1 }
        let outShape = full.map(\.count)
        return Tensor.make(outShape, .slice(full), [self]) {
            Loops.gather(buffer.pointer, base: base, strides: strides, shape: outShape, into: $0)
        }
    }

    /// The block `range` of one axis (negative axes count from the end), all other axes whole.
    public func slice(axis: Int, _ range: Range<Int>) -> Tensor {
        let a = Shape.axis(axis, rank: rank)
        return slice(shape.prefix(a).map { 0..<$0 } + [range])
    }

    /// Zeros of `shape` with this tensor written at the block `ranges`: the adjoint of `slice`.
    func padded(to shape: [Int], at ranges: [Range<Int>]) -> Tensor {
        let strides = Shape.strides(shape)
        let base = zip(ranges, strides).reduce(0) { $0 + $1.0.lowerBound * $1.1 }
        return Tensor.make(shape, .pad(ranges), [self]) { y in
            y.update(repeating: 0, count: Shape.count(shape))
            Loops.scatter(buffer.pointer, shape: self.shape, into: y, base: base, strides: strides)
        }
    }

    /// The rows (axis 0) at `indices`, in that order; an index may repeat.
    public func gather(rows indices: [Int]) -> Tensor {
        precondition(rank >= 1, "gather(rows:) needs at least one axis")
        let n = shape[0], width = n == 0 ? 0 : count / n
        precondition(indices.allSatisfy { $0 >= 0 && $0 < n }, "row index out of 0..<\(n)")
        let x = buffer.pointer
        return Tensor.make([indices.count] + shape.dropFirst(), .gather(indices), [self]) { y in
            Loops.chunked(indices.count, grain: Swift.max(1, Loops.grain / Swift.max(width, 1))) { lo, hi in
                for i in lo..<hi { (y + i * width).update(from: x + indices[i] * width, count: width) }
            }
        }
    }

    /// Zeros with `count` rows, to which row i of this tensor is added at row `indices[i]`, in the order
    /// of i: the adjoint of `gather(rows:)`.
    func scatterAdd(rows indices: [Int], count rows: Int) -> Tensor {
        let width = shape[0] == 0 ? 0 : count / shape[0]
        let x = buffer.pointer
        return Tensor.make([rows] + shape.dropFirst(), .scatterAdd(indices), [self]) { y in
            y.update(repeating: 0, count: rows * width)
            for (i, r) in indices.enumerated() {
                let src = x + i * width, dst = y + r * width
                for j in 0..<width { dst[j] += src[j] }
            }
        }
    }
}

/// The tensors joined along `axis` (negative counts from the end); all other axes must agree.
public func concatenate(_ tensors: [Tensor], axis: Int) -> Tensor {
    precondition(!tensors.isEmpty, "concatenate needs at least one tensor")
    let first = tensors[0]
    let a = Shape.axis(axis, rank: first.rank)
    for t in tensors {
        precondition(t.rank == first.rank && (0..<t.rank).allSatisfy { $0 == a || t.shape[$0] == first.shape[$0] },
                     "cannot concatenate \(t.shape) with \(first.shape) along axis \(a)")
    }
    var shape = first.shape
    shape[a] = tensors.reduce(0) { $0 + $1.shape[a] }
    let strides = Shape.strides(shape)
    return Tensor.make(shape, .concat(axis: a), tensors) { y in
        var offset = 0
        for t in tensors {
            Loops.scatter(t.buffer.pointer, shape: t.shape, into: y, base: offset * strides[a], strides: strides)
            offset += t.shape[a]
        }
    }
}
