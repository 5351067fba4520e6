/// The gradient rule of every primitive, in one table.
///
/// Each rule maps the upstream gradient g = ∂L/∂y to ∂L/∂xᵢ for the inputs that need one, and is written
/// in the same Tensor operations as the forward pass. `gradients(of:wrt:createGraph:)` either runs the
/// rules on the recorded tensors (their results then carry a graph back to the parameters and can be
/// differentiated again) or on detached copies (no graph is built). Masks such as `x .> 0` are constants:
/// the second derivative of relu, abs, maximum and where is zero almost everywhere.
extension Op {
    /// ∂L/∂inputs given the inputs `x`, the output `y` and the upstream gradient `g` (shaped like `y`);
    /// nil where `needs` is false.
    ///
    /// First-order walks may pass `gates`: for input i of a product (`productInputs`), gates[i] asks
    /// for that input's gradient already multiplied by its producer's gate (GateFusion), computed in
    /// the product's epilogue; and `upstreamGated` says that `g` already carries this node's own gate
    /// (its consumer's product applied it), so the rule passes it through instead of gating it.
    func vjp(_ x: [Tensor], _ y: Tensor, _ g: Tensor, _ needs: [Bool],
             gates: [GateFusion?] = [], upstreamGated: Bool = false) -> [Tensor?] {
        func d(_ i: Int, _ rule: () -> Tensor) -> Tensor? { needs[i] ? rule() : nil }
        /// op(a)·op(b), gated as gates[i] asks when it does.
        func product(_ i: Int, _ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
            if i < gates.count, let gate = gates[i] {
                return NashEngine.matmul(a, b, transposeA: transposeA, transposeB: transposeB, gate: gate)
            }
            return NashEngine.matmul(a, b, transposeA: transposeA, transposeB: transposeB)
        }
        /// The rule of op(a)·op(b) = x[0]·x[1] for the upstream gradient `g`.
        func matmulRule(_ tA: Bool, _ tB: Bool, _ g: Tensor) -> [Tensor?] {
            let (a, b) = (x[0], x[1])
            switch (tA, tB) {
            case (false, false):  // C = A·B
                return [d(0) { product(0, g, b, transposeB: true) }, d(1) { product(1, a, g, transposeA: true) }]
            case (true, false):   // C = Aᵀ·B
                return [d(0) { product(0, b, g, transposeB: true) }, d(1) { product(1, a, g) }]
            case (false, true):   // C = A·Bᵀ
                return [d(0) { product(0, g, b) }, d(1) { product(1, g, a, transposeA: true) }]
            case (true, true):    // C = Aᵀ·Bᵀ
                return [d(0) { product(0, b, g, transposeA: true, transposeB: true) },
                        d(1) { product(1, g, a, transposeA: true, transposeB: true) }]
            }
        }
        let zero = Tensor(0)
        switch self {
        case .add:
            return [d(0) { g.sum(to: x[0].shape) }, d(1) { g.sum(to: x[1].shape) }]
        case .sub:
            return [d(0) { g.sum(to: x[0].shape) }, d(1) { (-g).sum(to: x[1].shape) }]
        case .mul:
            return [d(0) { (g * x[1]).sum(to: x[0].shape) }, d(1) { (g * x[0]).sum(to: x[1].shape) }]
        case .div:  // y = a / b: ∂y/∂a = 1/b, ∂y/∂b = −y/b
            return [d(0) { (g / x[1]).sum(to: x[0].shape) }, d(1) { (-(g * y) / x[1]).sum(to: x[1].shape) }]
        case .maximum:
            let m = x[0] .>= x[1]
            return [d(0) { Tensor.where(m, g, zero).sum(to: x[0].shape) },
                    d(1) { Tensor.where(m, zero, g).sum(to: x[1].shape) }]
        case .minimum:
            let m = x[0] .<= x[1]
            return [d(0) { Tensor.where(m, g, zero).sum(to: x[0].shape) },
                    d(1) { Tensor.where(m, zero, g).sum(to: x[1].shape) }]
        case .neg:
            return [-g]
        case .exp:
            return [g * y]
        case .log:
            return [g / x[0]]
        case .sqrt:
            return [g / (y * 2)]
        case .abs:
            return [g * x[0].sign()]
        case .pow(let p):
            if p == 1 { return [g] }
            if p == 2 { return [g * (x[0] * 2)] }
            return [g * (x[0].pow(p - 1) * p)]
        case .relu:
            return [upstreamGated ? g : g.gated(by: x[0], slope: 0)]
        case .leakyRelu(let alpha):
            return [upstreamGated ? g : g.gated(by: x[0], slope: alpha)]
        case .gate(let slope):
            return [d(0) { upstreamGated ? g : g.gated(by: x[1], slope: slope) }, nil]
        case .tanh:
            return [g * (1 - y * y)]
        case .sigmoid:
            return [g * (y * (1 - y))]
        case .softplus:
            return [g * x[0].sigmoid()]
        case .select:
            return [nil, d(1) { Tensor.where(x[0], g, zero).sum(to: x[1].shape) },
                    d(2) { Tensor.where(x[0], zero, g).sum(to: x[2].shape) }]
        case .sum(let axes, let keepDims):
            let kept = x[0].shape.enumerated().map { axes.contains($0.offset) ? 1 : $0.element }
            return [(keepDims ? g : g.reshaped(to: kept)).broadcast(to: x[0].shape)]
        case .broadcast:
            return [g.sum(to: x[0].shape)]
        case .reshape:
            return [g.reshaped(to: x[0].shape)]
        case .permute(let axes):
            var inverse = axes
            for (i, a) in axes.enumerated() { inverse[a] = i }
            return [g.permuted(inverse)]
        case .matmul(let tA, let tB):
            return matmulRule(tA, tB, g)
        case .gatedMatmul(let tA, let tB, let slope):
            // y = gate(op(a)·op(b), mask): the product's rule on the gated upstream gradient.
            return matmulRule(tA, tB, upstreamGated ? g : g.gated(by: x[2], slope: slope)) + [nil]
        case .linear(let relu):
            // relu(z) > 0 exactly where z > 0, so the output gates the gradient as the pre-activation would.
            let gz = relu && !upstreamGated ? g.gated(by: y, slope: 0) : g
            return [d(0) { product(0, gz, x[1], transposeB: true) },
                    d(1) { NashEngine.matmul(x[0], gz, transposeA: true) },
                    d(2) { gz.sum(to: x[2].shape) }]
        case .slice(let ranges):
            return [g.padded(to: x[0].shape, at: ranges)]
        case .pad(let ranges):
            return [g.slice(ranges)]
        case .concat(let axis):
            var offset = 0
            return x.indices.map { i in
                let size = x[i].shape[axis]
                defer { offset += size }
                return d(i) { g.slice(axis: axis, offset..<(offset + size)) }
            }
        case .gather(let indices):
            return [g.scatterAdd(rows: indices, count: x[0].shape[0])]
        case .scatterAdd(let indices):
            return [g.gather(rows: indices)]
        case .conv2d(let s, let p):  // y = conv(x, w)
            return [d(0) { Conv.transpose(g, x[1], stride: s, padding: p, height: x[0].shape[2], width: x[0].shape[3]) },
                    d(1) { Conv.filter(x[0], g, stride: s, padding: p, kh: x[1].shape[2], kw: x[1].shape[3]) }]
        case .convTranspose2d(let s, let p):  // y = convT(u, w)
            return [d(0) { Conv.forward(g, x[1], stride: s, padding: p) },
                    d(1) { Conv.filter(g, x[0], stride: s, padding: p, kh: x[1].shape[2], kw: x[1].shape[3]) }]
        case .conv2dFilter(let s, let p):  // y = filter(u, v)
            return [d(0) { Conv.transpose(x[1], g, stride: s, padding: p, height: x[0].shape[2], width: x[0].shape[3]) },
                    d(1) { Conv.forward(x[0], g, stride: s, padding: p) }]
        case .avgPool2d(let size, let stride):
            return [Pool.adjoint(g, size: size, stride: stride, height: x[0].shape[2], width: x[0].shape[3])]
        case .avgPool2dAdjoint(let size, let stride):
            return [Pool.average(g, size: size, stride: stride)]
        }
    }
}

extension Tensor {
    /// self · (x > 0 ? 1 : slope) elementwise, shapes equal: what relu's (slope 0) and leakyRelu's rules
    /// multiply the upstream gradient by, without materialising the 0/1 (or 1/α) mask. The product is
    /// the one `self * mask` computed (g·1 and g·slope round alike), so the bits are those of the
    /// two-pass form.
    func gated(by x: Tensor, slope: Float) -> Tensor {
        precondition(shape == x.shape, "gate: shapes \(shape) and \(x.shape) differ")
        let pg = buffer.pointer, px = x.buffer.pointer
        return Tensor.make(shape, .gate(slope), [self, x]) { y in
            Loops.chunked(count) { lo, hi in
                for i in lo..<hi { y[i] = pg[i] * (px[i] > 0 ? 1 : slope) }
            }
        }
    }
}

/// The gate a ReLU-like node multiplies its upstream gradient by, g · (mask > 0 ? 1 : slope), read
/// off the node that produced `tensor`: `linear(relu: true)` (mask: its own output, slope 0), `relu`
/// (its input, 0), `leakyRelu(α)` (its input, α) and `gate(slope)` (its second input). The walk of
/// `gradients(of:wrt:)` hands it to the product that computes `tensor`'s gradient, which then applies
/// it in its epilogue (`Gemm.multiply(…, gate:)`): the same bits as the gate's own pass, one pass and
/// one buffer fewer per layer.
struct GateFusion {
    let mask: Tensor
    let slope: Float

    init?(producing tensor: Tensor) {
        guard let node = tensor.node, tensor.rank == 2 else { return nil }
        switch node.op {
        case .linear(relu: true): mask = tensor.detached(); slope = 0
        case .relu: mask = node.inputs[0].detached(); slope = 0
        case .leakyRelu(let alpha): mask = node.inputs[0].detached(); slope = alpha
        case .gate(let s): mask = node.inputs[1].detached(); slope = s
        case .gatedMatmul(_, _, let s): mask = node.inputs[2].detached(); slope = s
        default: return nil
        }
        guard mask.shape == tensor.shape else { return nil }
    }
}

extension Op {
    /// The inputs whose gradient rule is one 2-D product (so it can apply a `GateFusion`): both
    /// operands of a 2-D `matmul`, and x of `linear`.
    func productInputs(_ inputs: [Tensor]) -> [Int] {
        switch self {
        case .matmul: return inputs.allSatisfy { $0.rank == 2 } ? [0, 1] : []
        case .gatedMatmul: return [0, 1]
        case .linear: return [0]
        default: return []
        }
    }
}
