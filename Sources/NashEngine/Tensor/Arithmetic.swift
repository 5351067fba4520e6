/// Binary elementwise primitives with NumPy broadcasting, their operators, comparisons and `where`.
extension Tensor {
    @inline(__always)
    static func binary<F: BinaryElementFunction>(_ op: Op, _ a: Tensor, _ b: Tensor, _ f: F) -> Tensor {
        let shape = Shape.broadcast(a.shape, b.shape)
        return make(shape, op, [a, b]) { y in
            Loops.broadcast(a.buffer.pointer, a.shape, b.buffer.pointer, b.shape, y, shape, f)
        }
    }

    /// A constant 0/1 mask of `f(a, b)` with broadcasting (no gradient flows through a comparison).
    static func compare(_ a: Tensor, _ b: Tensor, _ relation: ElementFunction.Compare.Relation) -> Tensor {
        let shape = Shape.broadcast(a.shape, b.shape)
        return constant(shape) { y in
            Loops.broadcast(a.buffer.pointer, a.shape, b.buffer.pointer, b.shape, y, shape,
                            ElementFunction.Compare(relation: relation))
        }
    }

    public static func + (a: Tensor, b: Tensor) -> Tensor { binary(.add, a, b, ElementFunction.Add()) }
    public static func - (a: Tensor, b: Tensor) -> Tensor { binary(.sub, a, b, ElementFunction.Subtract()) }
    public static func * (a: Tensor, b: Tensor) -> Tensor { binary(.mul, a, b, ElementFunction.Multiply()) }
    public static func / (a: Tensor, b: Tensor) -> Tensor { binary(.div, a, b, ElementFunction.Divide()) }

    public static func + (a: Tensor, b: Float) -> Tensor { a + Tensor(b) }
    public static func - (a: Tensor, b: Float) -> Tensor { a - Tensor(b) }
    public static func * (a: Tensor, b: Float) -> Tensor { a * Tensor(b) }
    public static func / (a: Tensor, b: Float) -> Tensor { a / Tensor(b) }
    public static func + (a: Float, b: Tensor) -> Tensor { Tensor(a) + b }
    public static func - (a: Float, b: Tensor) -> Tensor { Tensor(a) - b }
    public static func * (a: Float, b: Tensor) -> Tensor { Tensor(a) * b }
    public static func / (a: Float, b: Tensor) -> Tensor { Tensor(a) / b }

    public static prefix func - (a: Tensor) -> Tensor {
        make(a.shape, .neg, [a]) { Loops.map(a.buffer.pointer, $0, a.count, ElementFunction.Negate()) }
    }

    // MARK: Comparisons: constant masks of 1 (true) and 0 (false)

    public static func .> (a: Tensor, b: Tensor) -> Tensor { compare(a, b, .greater) }
    public static func .< (a: Tensor, b: Tensor) -> Tensor { compare(a, b, .less) }
    public static func .>= (a: Tensor, b: Tensor) -> Tensor { compare(a, b, .greaterOrEqual) }
    public static func .<= (a: Tensor, b: Tensor) -> Tensor { compare(a, b, .lessOrEqual) }
    public static func .== (a: Tensor, b: Tensor) -> Tensor { compare(a, b, .equal) }
    public static func .> (a: Tensor, b: Float) -> Tensor { a .> Tensor(b) }
    public static func .< (a: Tensor, b: Float) -> Tensor { a .< Tensor(b) }
    public static func .>= (a: Tensor, b: Float) -> Tensor { a .>= Tensor(b) }
    public static func .<= (a: Tensor, b: Float) -> Tensor { a .<= Tensor(b) }
    public static func .== (a: Tensor, b: Float) -> Tensor { a .== Tensor(b) }

    /// `mask ? a : b` elementwise, all three broadcast together; `mask` is read as true where nonzero and
    /// gets no gradient.
    /// NB: the unselected branch still receives a zero gradient times its own local derivative, so an
    /// infinite derivative there (e.g. `exp` of a large value) turns into NaN. Keep both branches finite.
    public static func `where`(_ mask: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        let shape = Shape.broadcast(mask.shape, Shape.broadcast(a.shape, b.shape))
        let m = mask.shape == shape ? mask : mask.detached().broadcast(to: shape)
        let ea = a.shape == shape ? a.detached() : a.detached().broadcast(to: shape)
        let eb = b.shape == shape ? b.detached() : b.detached().broadcast(to: shape)
        let pm = m.buffer.pointer, pa = ea.buffer.pointer, pb = eb.buffer.pointer
        return make(shape, .select, [mask, a, b]) { y in
            Loops.chunked(Shape.count(shape)) { lo, hi in
                for i in lo..<hi { y[i] = pm[i] != 0 ? pa[i] : pb[i] }
            }
        }
    }
}

/// Elementwise maximum with broadcasting; at ties the gradient goes to `a`.
public func maximum(_ a: Tensor, _ b: Tensor) -> Tensor {
    Tensor.binary(.maximum, a, b, ElementFunction.Maximum())
}

/// Elementwise minimum with broadcasting; at ties the gradient goes to `a`.
public func minimum(_ a: Tensor, _ b: Tensor) -> Tensor {
    Tensor.binary(.minimum, a, b, ElementFunction.Minimum())
}
