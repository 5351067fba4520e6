import Testing
import NashEngine

/// ∂L/∂x of every primitive against central finite differences (see `GradCheck` for the tolerance).
@Test("first derivatives match finite differences", arguments: coreCases)
func firstOrder(_ c: OpCase) {
    let error = GradCheck.firstOrderError(c.inputs(), c.f)
    #expect(error < GradCheck.tolerance, "\(c.name): relative error \(error)")
}

@Test func wrongGradientRuleWouldBeCaught() {
    // The check must be able to fail: a function whose autodiff graph differs from its values (the
    // forward is 2x, but the graph only sees x) gives a large error.
    let error = GradCheck.firstOrderError([Tensor(shape: [3], scalars: [0.3, -0.2, 0.5])]) { xs in
        xs[0] + xs[0].detached()
    }
    #expect(error > 0.1)
}

@Test func unreachedInputsGetZerosAndConstantsGetNoGraph() {
    let a = Tensor(shape: [2], scalars: [1, 2], requiresGrad: true)
    let b = Tensor(shape: [3], scalars: [1, 2, 3], requiresGrad: true)
    let g = gradients(of: (a * a).sum(), wrt: [a, b])
    #expect(g[0].scalars == [2, 4])
    #expect(g[1].scalars == [0, 0, 0])
    #expect(!(a .> 1).requiresGrad)
    #expect(!a.detached().requiresGrad)
    #expect(!g[0].requiresGrad)
}

@Test func seedGivesVectorJacobianProducts() {
    let x = Tensor(shape: [3], scalars: [1, 2, 3], requiresGrad: true)
    let y = x * x
    let g = gradients(of: y, wrt: [x], seed: Tensor(shape: [3], scalars: [1, 0, -1]))
    #expect(g[0].scalars == [2, 0, -6])
}

@Test func gradientByIntermediateTensor() {
    let x = Tensor(shape: [2], scalars: [1, 2], requiresGrad: true)
    let h = x * 3
    let y = (h * h).sum()
    let g = gradients(of: y, wrt: [h, x])
    #expect(g[0].scalars == [6, 12])
    #expect(g[1].scalars == [18, 36])
}
