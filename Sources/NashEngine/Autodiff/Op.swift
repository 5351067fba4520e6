/// The primitive operations the autodiff knows. Every other operation is composed of these, and every
/// case has exactly one gradient rule in `Gradients.swift`, written in these same operations, which is
/// what makes gradients differentiable again.
///
/// A case carries what its rule needs beyond the inputs and the output (whose shape the rule can read).
enum Op {
    // Binary, with NumPy broadcasting.
    case add, sub, mul, div, maximum, minimum
    // Unary elementwise.
    case neg, exp, log, sqrt, abs, relu, tanh, sigmoid, softplus
    case pow(Float)
    case leakyRelu(Float)
    /// `gate(slope)` of [g, x]: g · (x > 0 ? 1 : slope), the gradient rule of relu (slope 0) and leakyRelu
    /// in one pass. Linear in g; x (through the comparison) gets no gradient.
    case gate(Float)
    /// `where(mask, a, b)`; inputs are [mask, a, b] and the mask gets no gradient.
    case select
    // Reductions and layout.
    case sum(axes: [Int], keepDims: Bool)
    case broadcast
    case reshape
    case permute([Int])
    /// 2-D `op(A)·op(B)` or batched 3-D, op = transpose when the flag is set.
    case matmul(transposeA: Bool, transposeB: Bool)
    /// `linear(relu:)` of [x, w, b]: x·w + b for x [m,k], w [k,n], b [n], then max(·, 0) when `relu`,
    /// computed by one GEMM whose epilogue adds b (and clamps): the bits of `matmul(x, w) + b`
    /// (then `.relu()`), without the passes over the output that those ops cost.
    case linear(relu: Bool)
    /// `matmul` of 2-D [a, b] with a `gate(slope)` by [mask] applied to each element of the product
    /// in the GEMM's epilogue: the gradient walks' fusion of a layer's input-gradient product with
    /// the ReLU-like gate of the layer below (`GateFusion`). The bits, and the gradient rule, of
    /// `matmul(a, b).gated(by: mask, slope:)`; the mask gets no gradient.
    case gatedMatmul(transposeA: Bool, transposeB: Bool, slope: Float)
    /// Copies the block `ranges` (one per axis) out of the input.
    case slice([Range<Int>])
    /// Places the input at `ranges` inside zeros of the output's shape; the adjoint of `slice`.
    case pad([Range<Int>])
    case concat(axis: Int)
    /// Rows of the input (axis 0) at the indices.
    case gather([Int])
    /// Adds input row i into output row `indices[i]`; the adjoint of `gather`.
    case scatterAdd([Int])
    // Convolutions, NCHW. The three are the partial adjoints of one trilinear form
    // T(x, w, y) = ⟨conv2d(x, w), y⟩, so each one's gradients are the other two.
    /// conv2d(x [N,C,H,W], w [O,C,kh,kw]) -> [N,O,Ho,Wo].
    case conv2d(stride: Int, padding: Int)
    /// convTranspose2d(y [N,O,Ho,Wo], w [O,C,kh,kw]) -> [N,C,H,W] (H, W from the output).
    case convTranspose2d(stride: Int, padding: Int)
    /// conv2dFilter(x [N,C,H,W], y [N,O,Ho,Wo]) -> [O,C,kh,kw] (kh, kw from the output).
    case conv2dFilter(stride: Int, padding: Int)
    /// Mean over size×size windows of [N,C,H,W].
    case avgPool2d(size: Int, stride: Int)
    /// The adjoint of `avgPool2d`: spreads each value over its window, divided by size².
    case avgPool2dAdjoint(size: Int, stride: Int)
}

/// One recorded operation: what produced a tensor, and from which tensors.
final class Node {
    let op: Op
    let inputs: [Tensor]
    init(_ op: Op, _ inputs: [Tensor]) {
        self.op = op
        self.inputs = inputs
    }
}
