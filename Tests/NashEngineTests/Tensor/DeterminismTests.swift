import Testing
import NashEngine

/// Forward and backward of a 2-128-128-1 MLP on a batch of 512: large enough that elementwise loops,
/// reductions and GEMMs are split into several chunks.
func mlpGradients(threads: Int) -> [[Float]] {
    let saved = Parallel.threadCount
    Parallel.threadCount = threads
    defer { Parallel.threadCount = saved }
    var rng = SplitMix(77)
    let x = randomTensor([512, 2], &rng, -2...2)
    let p = [[2, 128], [128], [128, 128], [128], [128, 1], [1]].map {
        randomTensor($0, &rng, -0.3...0.3).requiringGrad()
    }
    let h1 = (matmul(x, p[0]) + p[1]).leakyRelu(0.2)
    let h2 = (matmul(h1, p[2]) + p[3]).tanh()
    let logits = matmul(h2, p[4]) + p[5]
    let loss = logits.softplus().mean() - logits.logSigmoid().mean()
    return [[loss.item]] + gradients(of: loss, wrt: p).map(\.scalars)
}

@Suite(.serialized) struct ThreadCountIndependence {
    @Test func mlpGradientsAreBitIdenticalForOneTwoThreeThreads() {
        let one = mlpGradients(threads: 1)
        #expect(one[1].contains { $0 != 0 })
        for threads in [2, 3] {
            let other = mlpGradients(threads: threads)
            for i in one.indices {
                #expect(one[i].map(\.bitPattern) == other[i].map(\.bitPattern), "threads \(threads), tensor \(i)")
            }
        }
    }
}
