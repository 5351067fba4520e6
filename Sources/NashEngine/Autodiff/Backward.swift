/// Reverse-mode differentiation: ∂y/∂xs.
///
/// - Parameters:
///   - y: the tensor to differentiate; a single element unless `seed` is given.
///   - xs: tensors to differentiate by: leaves made with `requiresGrad: true` / `requiringGrad()`, or
///     any intermediate result of the graph. Those that `y` does not depend on get zeros.
///   - seed: ∂L/∂y for a vector-Jacobian product, shaped like `y`; default 1.
///   - createGraph: when true the gradients are built from recorded operations on the original tensors,
///     so they can be differentiated again (gradient penalties, unrolled optimisers); when false the
///     rules run on detached tensors and the results carry no graph.
/// - Returns: one gradient per element of `xs`, each shaped like it.
///
/// The walk is a depth-first post-order over node inputs in their recorded order, so the order in which
/// contributions are summed (and hence every bit of the result) is deterministic. Only nodes that lie on
/// a path from `y` to one of `xs` are visited.
public func gradients(of y: Tensor, wrt xs: [Tensor], seed: Tensor? = nil, createGraph: Bool = false) -> [Tensor] {
    precondition(seed != nil || y.count == 1,
                 "gradients(of:) needs a one-element tensor or a seed; y has shape \(y.shape)")
    if let seed { precondition(seed.shape == y.shape, "seed shape \(seed.shape) differs from y's \(y.shape)") }
    let targets = Set(xs.map(ObjectIdentifier.init))

    // Post-order (inputs before the tensors computed from them), iteratively to survive deep graphs.
    var order: [Tensor] = []
    var visited: Set<ObjectIdentifier> = []
    var stack: [(tensor: Tensor, next: Int)] = []
    if y.requiresGrad || targets.contains(ObjectIdentifier(y)) {
        stack.append((y, 0))
        visited.insert(ObjectIdentifier(y))
    }
    while let top = stack.last {
        let inputs = top.tensor.node?.inputs ?? []
        if top.next < inputs.count {
            stack[stack.count - 1].next += 1
            let input = inputs[top.next]
            if input.requiresGrad, visited.insert(ObjectIdentifier(input)).inserted {
                stack.append((input, 0))
            }
        } else {
            order.append(top.tensor)
            stack.removeLast()
        }
    }

    // Keep only tensors through which some x is reached.
    var relevant: Set<ObjectIdentifier> = []
    for t in order {
        let id = ObjectIdentifier(t)
        if targets.contains(id) || (t.node?.inputs.contains { relevant.contains(ObjectIdentifier($0)) } ?? false) {
            relevant.insert(id)
        }
    }

    // The walk fuses the gate of a ReLU-like node (linear with ReLU, relu, leakyRelu, gate, a gated
    // product) into the product that computes its upstream gradient, when that product is its only
    // source (GateFusion); the gated node then passes its gradient through. With `createGraph` the
    // fused product is recorded (`.gatedMatmul`) and differentiates like the product and the gate.
    var uses: [ObjectIdentifier: Int] = [:]
    for t in order where relevant.contains(ObjectIdentifier(t)) {
        for input in t.node?.inputs ?? [] { uses[ObjectIdentifier(input), default: 0] += 1 }
    }
    var preGated: Set<ObjectIdentifier> = []

    var grads: [ObjectIdentifier: Tensor] = [:]
    let start = seed ?? Tensor.ones(y.shape)
    grads[ObjectIdentifier(y)] = createGraph ? start : start.detached()
    for t in order.reversed() {
        let id = ObjectIdentifier(t)
        guard let node = t.node, relevant.contains(id), let g = grads[id] else { continue }
        if !targets.contains(id) { grads[id] = nil }  // NB: frees intermediate gradients early.
        let needs = node.inputs.map { relevant.contains(ObjectIdentifier($0)) }
        var gates = [GateFusion?](repeating: nil, count: node.inputs.count)
        for i in node.op.productInputs(node.inputs) where needs[i] {
            let input = node.inputs[i], key = ObjectIdentifier(input)
            guard input !== y, !targets.contains(key), uses[key] == 1,
                  let gate = GateFusion(producing: input) else { continue }
            gates[i] = gate
            preGated.insert(key)
        }
        let parts: [Tensor?]
        if createGraph {
            parts = node.op.vjp(node.inputs, t, g, needs, gates: gates, upstreamGated: preGated.contains(id))
        } else {
            parts = node.op.vjp(node.inputs.map { $0.detached() }, t.detached(), g.detached(), needs,
                                gates: gates, upstreamGated: preGated.contains(id))
        }
        for (i, input) in node.inputs.enumerated() where needs[i] {
            guard let part = parts[i] else { continue }
            precondition(part.shape == input.shape,
                         "gradient rule of \(node.op) gave shape \(part.shape) for input \(input.shape)")
            let key = ObjectIdentifier(input)
            grads[key] = grads[key].map { $0 + part } ?? part
        }
    }
    return xs.map { grads[ObjectIdentifier($0)] ?? Tensor.zeros($0.shape) }
}
