import Foundation

/// Unary elementwise primitives. Each has one gradient rule in `Gradients.swift`.
extension Tensor {
    @inline(__always)
    func unary<F: UnaryElementFunction>(_ op: Op, _ f: F) -> Tensor {
        Tensor.make(shape, op, [self]) { Loops.map(buffer.pointer, $0, count, f) }
    }

    /// eˣ.
    public func exp() -> Tensor { unary(.exp, ElementFunction.Exp()) }
    /// Natural logarithm.
    public func log() -> Tensor { unary(.log, ElementFunction.Log()) }
    /// √x.
    public func sqrt() -> Tensor { unary(.sqrt, ElementFunction.SquareRoot()) }
    /// |x|; its derivative at 0 is taken as 0.
    public func abs() -> Tensor { unary(.abs, ElementFunction.Absolute()) }
    /// xᵖ for a constant exponent p. Integer p of 2 and 1 take exact paths.
    public func pow(_ p: Float) -> Tensor {
        if p == 2 { return unary(.pow(p), ElementFunction.Square()) }
        if p == 1 { return unary(.pow(p), ElementFunction.Identity()) }
        return unary(.pow(p), ElementFunction.Power(p: p))
    }
    /// max(x, 0); derivative 0 at x = 0.
    public func relu() -> Tensor { unary(.relu, ElementFunction.ReLU()) }
    /// x for x > 0, αx otherwise (Maas et al. 2013).
    public func leakyRelu(_ alpha: Float = 0.2) -> Tensor { unary(.leakyRelu(alpha), ElementFunction.LeakyReLU(alpha: alpha)) }
    /// Hyperbolic tangent.
    public func tanh() -> Tensor { unary(.tanh, ElementFunction.Tanh()) }
    /// 1 / (1 + e⁻ˣ), evaluated without overflow for either sign of x.
    public func sigmoid() -> Tensor { unary(.sigmoid, ElementFunction.Sigmoid()) }
    /// log(1 + eˣ), evaluated stably as max(x, 0) + log1p(e^−|x|).
    public func softplus() -> Tensor {
        unary(.softplus, ElementFunction.Softplus())
    }

    /// −1, 0 or 1 by the sign of each element; a constant (no gradient).
    public func sign() -> Tensor {
        Tensor.constant(shape) { Loops.map(buffer.pointer, $0, count, ElementFunction.Sign()) }
    }

    @inline(__always)
    static func sigmoid(_ x: Float) -> Float {
        if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
        let e = Foundation.exp(x)
        return e / (1 + e)
    }
}
