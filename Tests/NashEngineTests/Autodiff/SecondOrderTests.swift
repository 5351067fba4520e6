import Testing
import NashEngine

/// Hessian-vector products through `createGraph` against finite differences of first-order gradients.
@Test("second derivatives match finite differences of gradients", arguments: coreCases)
func secondOrder(_ c: OpCase) {
    let error = GradCheck.secondOrderError(c.inputs(), c.f)
    #expect(error < GradCheck.tolerance, "\(c.name): relative error \(error)")
}

@Test func secondDerivativeOfCubeIsExact() {
    let x = Tensor(shape: [2], scalars: [1.5, -2], requiresGrad: true)
    let g = gradients(of: x.pow(3).sum(), wrt: [x], createGraph: true)[0]
    #expect(g.requiresGrad)
    let h = gradients(of: g.sum(), wrt: [x])[0]
    #expect(g.scalars == [6.75, 12])
    #expect(h.scalars == [9, -12])
}

@Test func thirdDerivativeOfExp() {
    // d³/dx³ eˣ = eˣ: gradients of gradients of gradients.
    let x = Tensor(shape: [1], scalars: [0.7], requiresGrad: true)
    let g1 = gradients(of: x.exp().sum(), wrt: [x], createGraph: true)[0]
    let g2 = gradients(of: g1.sum(), wrt: [x], createGraph: true)[0]
    let g3 = gradients(of: g2.sum(), wrt: [x])[0]
    #expect(abs(g3.item - 2.0137527) < 1e-5)
}

@Test func wrongSecondDerivativeWouldBeCaught() {
    // x·stop(2x) − stop(x²) has the value x² and the right gradient 2x, but its gradient graph is cut,
    // so its Hessian comes out 0 instead of 2: the check must notice.
    let x = Tensor(shape: [3], scalars: [0.4, -0.3, 0.8])
    #expect(GradCheck.firstOrderError([x]) { $0[0] * ($0[0] * 2).detached() - ($0[0] * $0[0]).detached() } < 1e-2)
    #expect(GradCheck.secondOrderError([x]) { $0[0] * ($0[0] * 2).detached() - ($0[0] * $0[0]).detached() } > 0.1)
}
