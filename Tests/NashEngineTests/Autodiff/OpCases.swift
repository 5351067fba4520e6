import NashEngine
import Testing

/// One differentiable operation with inputs to check it at.
struct OpCase: CustomTestStringConvertible, Sendable {
    let name: String
    let inputs: @Sendable () -> [Tensor]
    let f: @Sendable ([Tensor]) -> Tensor
    var testDescription: String { name }
}

/// Shapes that exercise every broadcasting path: equal, scalar on either side, size-1 axes on both
/// sides, missing leading axes, bias rows ([2,5]+[5]), per-row factors ([4,3]+[4,1]).
let broadcastPairs: [([Int], [Int])] = {
    var pairs: [([Int], [Int])] = [
        ([3, 1], [1, 4]), ([5], [2, 5]), ([2, 5], [5]), ([], [2, 3]), ([2, 3], []), ([2, 1, 3], [4, 1]),
        ([2, 3], [2, 3]), ([4, 3], [4, 1]), ([1], [3, 1]), ([3, 1, 2], [1, 1, 1]), ([1, 4], [3, 1]),
    ]
    var rng = SplitMix(2024)
    for _ in 0..<6 {
        let rank = 1 + rng.int(3)
        let out = (0..<rank).map { _ in 1 + rng.int(4) }
        func variant() -> [Int] {
            let s = out.map { rng.int(3) == 0 ? 1 : $0 }
            return Array(s.dropFirst(rng.int(s.count + 1)))
        }
        pairs.append((variant(), variant()))
    }
    return pairs
}()

/// Inputs drawn from `range` (pushed `gap` away from 0), a fixed seed per case.
func inputs(_ shapes: [[Int]], _ range: ClosedRange<Float> = -1...1, gap: Float = 0,
            seed: UInt64) -> @Sendable () -> [Tensor] {
    { var rng = SplitMix(seed); return shapes.map { randomTensor($0, &rng, range, gap: gap) } }
}

/// Values on two interleaved lattices (a on multiples of 0.3, b offset by 0.15), so a and b never come
/// within 0.15 of each other and the step of a finite difference never flips maximum/minimum.
func latticeInputs(_ sa: [Int], _ sb: [Int], seed: UInt64) -> @Sendable () -> [Tensor] {
    {
        var rng = SplitMix(seed)
        func lattice(_ s: [Int], _ offset: Float) -> Tensor {
            Tensor(shape: s, scalars: (0..<s.reduce(1, *)).map { _ in Float(rng.int(9) - 4) * 0.3 + offset })
        }
        return [lattice(sa, 0), lattice(sb, 0.15)]
    }
}

/// x [5,3], w [3,4], b [4] with every element of x·w + b at least 0.15 from 0 (redrawn until so), so no
/// finite-difference step crosses the kink of a fused relu.
func linearInputs(seed: UInt64) -> @Sendable () -> [Tensor] {
    {
        var rng = SplitMix(seed)
        while true {
            let x = randomTensor([5, 3], &rng), w = randomTensor([3, 4], &rng), b = randomTensor([4], &rng)
            let (xs, ws, bs) = (x.scalars, w.scalars, b.scalars)
            let far = (0..<5).allSatisfy { i in
                (0..<4).allSatisfy { j in
                    let z = (0..<3).reduce(Double(bs[j])) { $0 + Double(xs[i * 3 + $1]) * Double(ws[$1 * 4 + j]) }
                    return abs(z) >= 0.15
                }
            }
            if far { return [x, w, b] }
        }
    }
}

/// Every primitive (and the derived ops) of the core, on shapes that include the broadcasting edge cases.
let coreCases: [OpCase] = {
    var cases: [OpCase] = []
    var seed: UInt64 = 100
    func add(_ name: String, _ x: @escaping @Sendable () -> [Tensor], _ f: @escaping @Sendable ([Tensor]) -> Tensor) {
        cases.append(OpCase(name: name, inputs: x, f: f))
    }
    for (sa, sb) in broadcastPairs {
        seed += 1
        let seed = seed
        let tag = "\(sa)·\(sb)"
        add("add \(tag)", inputs([sa, sb], seed: seed)) { $0[0] + $0[1] }
        add("sub \(tag)", inputs([sa, sb], seed: seed)) { $0[0] - $0[1] }
        add("mul \(tag)", inputs([sa, sb], seed: seed)) { $0[0] * $0[1] }
        add("div \(tag)", {
            var rng = SplitMix(seed)
            return [randomTensor(sa, &rng), randomTensor(sb, &rng, 0.5...2)]
        }) { $0[0] / $0[1] }
        add("maximum \(tag)", latticeInputs(sa, sb, seed: seed)) { maximum($0[0], $0[1]) }
        add("minimum \(tag)", latticeInputs(sa, sb, seed: seed)) { minimum($0[0], $0[1]) }
        add("where \(tag)", {
            var rng = SplitMix(seed)
            let shape = [sa, sb].max { $0.count < $1.count }!
            let mask = Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in Float(rng.int(2)) })
            return [mask, randomTensor(sa, &rng), randomTensor(sb, &rng)]
        }) { Tensor.where($0[0] .> 0.5, $0[1], $0[2]) }
    }
    let unaryShapes: [[Int]] = [[], [1], [3, 4], [2, 1, 3]]
    for shape in unaryShapes {
        seed += 1
        let tag = "\(shape)"
        add("neg \(tag)", inputs([shape], seed: seed)) { -$0[0] }
        add("exp \(tag)", inputs([shape], -2...2, seed: seed)) { $0[0].exp() }
        add("log \(tag)", inputs([shape], 0.5...3, seed: seed)) { $0[0].log() }
        add("sqrt \(tag)", inputs([shape], 0.5...3, seed: seed)) { $0[0].sqrt() }
        add("abs \(tag)", inputs([shape], gap: 0.1, seed: seed)) { $0[0].abs() }
        add("pow 3 \(tag)", inputs([shape], seed: seed)) { $0[0].pow(3) }
        add("pow 2 \(tag)", inputs([shape], seed: seed)) { $0[0].pow(2) }
        add("pow -1.5 \(tag)", inputs([shape], 0.5...2, seed: seed)) { $0[0].pow(-1.5) }
        add("relu \(tag)", inputs([shape], gap: 0.1, seed: seed)) { $0[0].relu() }
        add("leakyRelu \(tag)", inputs([shape], gap: 0.1, seed: seed)) { $0[0].leakyRelu(0.2) }
        add("tanh \(tag)", inputs([shape], -2...2, seed: seed)) { $0[0].tanh() }
        add("sigmoid \(tag)", inputs([shape], -3...3, seed: seed)) { $0[0].sigmoid() }
        add("softplus \(tag)", inputs([shape], -3...3, seed: seed)) { $0[0].softplus() }
        add("logSigmoid \(tag)", inputs([shape], -3...3, seed: seed)) { $0[0].logSigmoid() }
        add("elu \(tag)", inputs([shape], gap: 0.1, seed: seed)) { $0[0].elu(0.7) }
        add("clamped \(tag)", inputs([shape], -2...2, seed: seed)) {
            // Values within 0.05 of the bounds are moved off them, so no step crosses a corner.
            let x = $0[0]
            return (x + (x - 0.5).sign() * 0.05 + (x + 0.5).sign() * 0.05).clamped(min: -0.5, max: 0.5)
        }
        add("mean \(tag)", inputs([shape], seed: seed)) { $0[0].mean() }
        add("sumOfSquares \(tag)", inputs([shape], seed: seed)) { $0[0].sumOfSquares() }
        add("norm \(tag)", inputs([shape], gap: 0.2, seed: seed)) { $0[0].norm() }
    }
    let sumCases: [([Int], [Int])] = [
        ([2, 3, 4], [0]), ([2, 3, 4], [1]), ([2, 3, 4], [2]), ([2, 3, 4], [0, 2]), ([2, 3, 4], [0, 1, 2]),
        ([2, 3, 4], [-1]), ([3, 1], [1]), ([4, 1, 3], [0, 1]), ([5], [0]), ([2, 3], []),
    ]
    for (shape, axes) in sumCases {
        for keep in [false, true] {
            seed += 1
            add("sum \(shape) axes \(axes) keepDims \(keep)", inputs([shape], seed: seed)) {
                $0[0].sum(axes: axes, keepDims: keep)
            }
            add("mean \(shape) axes \(axes) keepDims \(keep)", inputs([shape], seed: seed)) {
                $0[0].mean(axes: axes, keepDims: keep)
            }
        }
    }
    seed += 1
    add("norm rows keepDims", inputs([[3, 4]], gap: 0.2, seed: seed)) { $0[0].norm(axes: [1], keepDims: true, epsilon: 1e-3) }
    add("sum all", inputs([[2, 3]], seed: seed)) { $0[0].sum() }
    for (from, to) in [([3, 1], [2, 3, 4]), ([4], [3, 4]), ([], [2, 2]), ([1, 1], [1, 3]), ([2, 1, 3], [2, 4, 3])] {
        seed += 1
        add("broadcast \(from) to \(to)", inputs([from], seed: seed)) { $0[0].broadcast(to: to) }
        add("sum(to:) \(to) to \(from)", inputs([to], seed: seed)) { $0[0].sum(to: from) }
    }
    add("reshape [2,3,4] to [6,4]", inputs([[2, 3, 4]], seed: seed)) { $0[0].reshaped(to: [6, 4]) }
    add("reshape [2,3,4] to [4,-1]", inputs([[2, 3, 4]], seed: seed)) { $0[0].reshaped(to: [4, -1]) }
    add("permute [2,3,4] by [2,0,1]", inputs([[2, 3, 4]], seed: seed)) { $0[0].permuted([2, 0, 1]) }
    add("permute [2,3,4,2] by [1,3,0,2]", inputs([[2, 3, 4, 2]], seed: seed)) { $0[0].permuted([1, 3, 0, 2]) }
    add("transposed [3,5]", inputs([[3, 5]], seed: seed)) { $0[0].transposed() }
    for tA in [false, true] {
        for tB in [false, true] {
            seed += 1
            let a = tA ? [4, 3] : [3, 4], b = tB ? [2, 4] : [4, 2]
            add("matmul tA \(tA) tB \(tB)", inputs([a, b], seed: seed)) {
                matmul($0[0], $0[1], transposeA: tA, transposeB: tB)
            }
            add("batched matmul tA \(tA) tB \(tB)", inputs([[2] + a, [2] + b], seed: seed)) {
                matmul($0[0], $0[1], transposeA: tA, transposeB: tB)
            }
        }
    }
    add("matmul then bias", inputs([[5, 3], [3, 4], [4]], seed: seed)) { matmul($0[0], $0[1]) + $0[2] }
    add("linear", inputs([[5, 3], [3, 4], [4]], seed: seed)) { linear($0[0], $0[1], $0[2]) }
    add("linear relu", linearInputs(seed: seed)) { linear($0[0], $0[1], $0[2], relu: true) }
    let stacked = seed
    add("linear relu into linear relu", {
        // Two fused layers, as a network applies them (the second-order check goes through both gates).
        let first = linearInputs(seed: stacked)()
        var rng = SplitMix(stacked + 1)
        // w₂ > 0 and b₂ = 1 on relu outputs ≥ 0 keep the second pre-activation ≥ 1, away from its kink.
        return first + [randomTensor([4, 2], &rng, 0.1...1), Tensor(shape: [2], scalars: [1, 1])]
    }) { linear(linear($0[0], $0[1], $0[2], relu: true), $0[3], $0[4], relu: true) }
    add("shared input x·x", inputs([[3, 3]], seed: seed)) { matmul($0[0], $0[0]) * $0[0] }
    seed += 1
    add("slice [4,5] rows 1..<3 cols 2..<5", inputs([[4, 5]], seed: seed)) { $0[0].slice([1..<3, 2..<5]) }
    add("slice [2,3,4] axis -1", inputs([[2, 3, 4]], seed: seed)) { $0[0].slice(axis: -1, 1..<3) }
    add("slice [3,4] first rows only", inputs([[3, 4]], seed: seed)) { $0[0].slice([0..<2]) }
    add("concatenate axis 0", inputs([[2, 3], [1, 3], [3, 3]], seed: seed)) { concatenate($0, axis: 0) }
    add("concatenate axis 1", inputs([[2, 3], [2, 1]], seed: seed)) { concatenate($0, axis: 1) }
    add("concatenate axis 1 of 3-D", inputs([[2, 1, 2], [2, 3, 2]], seed: seed)) { concatenate($0, axis: 1) }
    add("gather rows with repeats", inputs([[4, 3]], seed: seed)) { $0[0].gather(rows: [2, 0, 2, 3, 2]) }
    add("gather rows of 3-D", inputs([[3, 2, 2]], seed: seed)) { $0[0].gather(rows: [1, 1, 0]) }
    for (x, w, s, p) in [([2, 2, 5, 5], [3, 2, 3, 3], 1, 1), ([1, 2, 6, 6], [2, 2, 3, 3], 2, 1),
                         ([2, 1, 5, 4], [2, 1, 2, 3], 2, 0), ([2, 3, 3, 3], [2, 3, 1, 1], 1, 0)] {
        seed += 1
        add("conv2d x \(x) w \(w) stride \(s) padding \(p)", inputs([x, w], seed: seed)) {
            conv2d($0[0], $0[1], stride: s, padding: p)
        }
    }
    for (x, w, s, p, op) in [([2, 3, 3, 3], [3, 2, 3, 3], 2, 1, 1), ([1, 2, 2, 3], [2, 2, 4, 4], 2, 1, 0),
                             ([2, 2, 3, 3], [2, 1, 3, 3], 1, 0, 0), ([1, 2, 3, 2], [2, 3, 1, 1], 1, 0, 0)] {
        seed += 1
        add("convTranspose2d x \(x) w \(w) stride \(s) padding \(p) outputPadding \(op)", inputs([x, w], seed: seed)) {
            convTranspose2d($0[0], $0[1], stride: s, padding: p, outputPadding: op)
        }
    }
    for (x, size, stride) in [([2, 2, 4, 4], 2, 2), ([1, 2, 5, 4], 3, 1), ([1, 1, 5, 5], 2, 3)] {
        seed += 1
        add("avgPool2d \(x) size \(size) stride \(stride)", inputs([x], seed: seed)) {
            avgPool2d($0[0], size: size, stride: stride)
        }
    }
    return cases
}()
