import Foundation

/// Unary elementwise primitives. Each has one gradient rule in `Gradients.swift`.
extension Tensor {
    @inline(__always)
    func unary(_ op: Op, _ f: (Float) -> Float) -> Tensor {
        Tensor.make(shape, op, [self]) { Loops.map(buffer.pointer, $0, count, f) }
    }

    /// eˣ.
    public func exp() -> Tensor { unary(.exp) { Foundation.exp($0) } }
    /// Natural logarithm.
    public func log() -> Tensor { unary(.log) { Foundation.log($0) } }
    /// √x.
    public func sqrt() -> Tensor { unary(.sqrt) { $0.squareRoot() } }
    /// |x|; its derivative at 0 is taken as 0.
    public func abs() -> Tensor { unary(.abs) { Swift.abs($0) } }
    /// xᵖ for a constant exponent p. Integer p of 2 and 1 take exact paths.
    public func pow(_ p: Float) -> Tensor {
        if p == 2 { return unary(.pow(p)) { $0 * $0 } }
        if p == 1 { return unary(.pow(p)) { $0 } }
        return unary(.pow(p)) { Foundation.pow($0, p) }
    }
    /// max(x, 0); derivative 0 at x = 0.
    public func relu() -> Tensor { unary(.relu) { $0 > 0 ? $0 : 0 } }
    /// x for x > 0, αx otherwise (Maas et al. 2013).
    public func leakyRelu(_ alpha: Float = 0.2) -> Tensor { unary(.leakyRelu(alpha)) { $0 > 0 ? $0 : alpha * $0 } }
    /// Hyperbolic tangent.
    public func tanh() -> Tensor { unary(.tanh) { Foundation.tanh($0) } }
    /// 1 / (1 + e⁻ˣ), evaluated without overflow for either sign of x.
    public func sigmoid() -> Tensor { unary(.sigmoid) { Tensor.sigmoid($0) } }
    /// log(1 + eˣ), evaluated stably as max(x, 0) + log1p(e^−|x|).
    public func softplus() -> Tensor {
        unary(.softplus) { Swift.max($0, 0) + Foundation.log1p(Foundation.exp(-Swift.abs($0))) }
    }

    /// −1, 0 or 1 by the sign of each element; a constant (no gradient).
    public func sign() -> Tensor {
        Tensor.constant(shape) { Loops.map(buffer.pointer, $0, count) { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) } }
    }

    @inline(__always)
    static func sigmoid(_ x: Float) -> Float {
        if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
        let e = Foundation.exp(x)
        return e / (1 + e)
    }
}
