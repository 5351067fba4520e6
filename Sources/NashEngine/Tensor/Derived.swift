/// Operations composed of primitives; each line says how. Their gradients follow from the primitives'.
extension Tensor {
    /// Mean over `axes` (derived: sum × 1/n).
    public func mean(axes: [Int], keepDims: Bool = false) -> Tensor {
        let n = Set(axes.map { Shape.axis($0, rank: rank) }).reduce(1) { $0 * shape[$1] }
        return sum(axes: axes, keepDims: keepDims) * (1 / Float(n))
    }

    /// Mean of all elements, rank 0 (derived: sum × 1/count).
    public func mean() -> Tensor { sum() * (1 / Float(count)) }

    /// x² (derived: pow 2).
    public func squared() -> Tensor { pow(2) }

    /// log σ(x) = −softplus(−x), finite for any x (derived: neg, softplus).
    public func logSigmoid() -> Tensor { -(-self).softplus() }

    /// Exponential linear unit: x for x > 0, α(eˣ − 1) otherwise (Clevert et al. 2015, arXiv:1511.07289)
    /// (derived: where, exp, minimum).
    /// NB: exp reads min(x, 0) so the unselected branch never overflows (see `where`).
    public func elu(_ alpha: Float = 1) -> Tensor {
        Tensor.where(self .> 0, self, (minimum(self, Tensor(0)).exp() - 1) * alpha)
    }

    /// min(max(x, low), high) elementwise (derived: maximum, minimum).
    public func clamped(min low: Float, max high: Float) -> Tensor {
        minimum(maximum(self, Tensor(low)), Tensor(high))
    }

    /// Σ x² over all elements, rank 0 (derived: mul, sum).
    public func sumOfSquares() -> Tensor { (self * self).sum() }

    /// Σ x² over `axes` (derived: mul, sum).
    public func sumOfSquares(axes: [Int], keepDims: Bool = false) -> Tensor {
        (self * self).sum(axes: axes, keepDims: keepDims)
    }

    /// √(Σ x² + ε) over `axes` (derived: mul, sum, add, sqrt). ε > 0 keeps the gradient finite at 0,
    /// where the exact norm's gradient is undefined; the default 0 is the exact norm.
    public func norm(axes: [Int], keepDims: Bool = false, epsilon: Float = 0) -> Tensor {
        let s = sumOfSquares(axes: axes, keepDims: keepDims)
        return (epsilon == 0 ? s : s + epsilon).sqrt()
    }

    /// √(Σ x² + ε) over all elements (derived as above).
    public func norm(epsilon: Float = 0) -> Tensor {
        let s = sumOfSquares()
        return (epsilon == 0 ? s : s + epsilon).sqrt()
    }
}
