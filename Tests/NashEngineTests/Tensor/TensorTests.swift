import Testing
import NashEngine

@Test func creationAndAccess() {
    let t = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
    #expect(t.shape == [2, 3] && t.count == 6 && t.rank == 2)
    #expect(t.scalars == [1, 2, 3, 4, 5, 6])
    #expect(Tensor(2.5).item == 2.5 && Tensor(2.5).shape == [])
    #expect(Tensor.zeros([2, 2]).scalars == [0, 0, 0, 0])
    #expect(Tensor.ones([3]).scalars == [1, 1, 1])
    #expect(Tensor.full([2], 7).scalars == [7, 7])
    #expect(Tensor(shape: [3]) { $0[0] = 1; $0[1] = 2; $0[2] = 3 }.scalars == [1, 2, 3])
    #expect(Tensor.zeros([2, 0]).count == 0)
    let p = Tensor(shape: [2], scalars: [1, 2], requiresGrad: true)
    #expect(p.requiresGrad && !Tensor.ones([2]).requiresGrad)
}

@Test func detachedSharesStorageAndCopyDoesNot() {
    let p = Tensor(shape: [2], scalars: [1, 2], requiresGrad: true)
    let d = p.detached(), c = p.copy()
    p.withUnsafeMutableBufferPointer { $0[0] = 9 }
    #expect(d.scalars == [9, 2] && c.scalars == [1, 2])
    #expect(!d.requiresGrad && !c.requiresGrad)
}

/// Reference broadcasting by explicit index arithmetic.
func naiveBroadcast(_ a: Tensor, _ b: Tensor, _ f: (Float, Float) -> Float) -> (shape: [Int], values: [Float]) {
    let r = max(a.rank, b.rank)
    let pa = [Int](repeating: 1, count: r - a.rank) + a.shape, pb = [Int](repeating: 1, count: r - b.rank) + b.shape
    let out = (0..<r).map { max(pa[$0], pb[$0]) }
    let va = a.scalars, vb = b.scalars
    var values: [Float] = []
    for flat in 0..<out.reduce(1, *) {
        var rest = flat, ia = 0, ib = 0, sa = 1, sb = 1
        for d in stride(from: r - 1, through: 0, by: -1) {
            let i = rest % out[d]
            rest /= out[d]
            ia += (pa[d] == 1 ? 0 : i) * sa
            ib += (pb[d] == 1 ? 0 : i) * sb
            sa *= pa[d]
            sb *= pb[d]
        }
        values.append(f(va[ia], vb[ib]))
    }
    return (out, values)
}

@Test func broadcastingMatchesReferenceOnEveryPath() {
    var rng = SplitMix(3)
    // Includes shapes large enough to be split into parallel chunks.
    let pairs = broadcastPairs + [([300, 200], [200]), ([300, 200], [300, 1]), ([64, 1, 700], [5, 1]),
                                  ([1], [70_000]), ([70_000], [70_000]),
                                  // A per-channel factor of an image batch (the middle-axes path), both sides.
                                  ([64, 128, 7, 7], [1, 128, 1, 1]), ([1, 3, 1, 1], [2, 3, 4, 5]), ([4, 5, 6], [5, 1])]
    for (sa, sb) in pairs {
        let a = randomTensor(sa, &rng), b = randomTensor(sb, &rng)
        for (op, f) in [({ (x: Tensor, y: Tensor) in x - y }, { (x: Float, y: Float) in x - y }),
                        ({ $0 / $1 }, { $0 / $1 })] as [((Tensor, Tensor) -> Tensor, (Float, Float) -> Float)] {
            let expected = naiveBroadcast(a, b, f), got = op(a, b)
            #expect(got.shape == expected.shape, "\(sa) \(sb)")
            #expect(got.scalars == expected.values, "\(sa) \(sb)")
        }
    }
}

@Test func sumsOverAxes() {
    let t = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
    #expect(t.sum().item == 21 && t.sum().shape == [])
    #expect(t.sum(axes: [0]).scalars == [5, 7, 9] && t.sum(axes: [0]).shape == [3])
    #expect(t.sum(axes: [1], keepDims: true).scalars == [6, 15])
    #expect(t.sum(axes: [-1], keepDims: true).shape == [2, 1])
    #expect(t.mean(axes: [1]).scalars == [2, 5])
    // A long sum (several accumulators and a tail) and a large column sum split into chunks.
    let n = 100_003
    let long = Tensor(shape: [n]) { for i in 0..<n { $0[i] = Float(i % 7) } }
    #expect(long.sum().item == Float((0..<n).reduce(0) { $0 + $1 % 7 }))
    let cols = Tensor(shape: [3000, 50]) { for i in 0..<150_000 { $0[i] = Float(i / 50 % 3) } }
    #expect(cols.sum(axes: [0]).scalars == [Float](repeating: 3000, count: 50))
    let middle = Tensor(shape: [2, 3, 4]) { for i in 0..<24 { $0[i] = Float(i) } }
    #expect(middle.sum(axes: [0, 2]).scalars == [60, 92, 124])
}

@Test func layoutOps() {
    let t = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
    #expect(t.transposed().scalars == [1, 4, 2, 5, 3, 6] && t.transposed().shape == [3, 2])
    #expect(t.reshaped(to: [3, -1]).shape == [3, 2])
    #expect(t.broadcast(to: [2, 2, 3]).scalars == [1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6])
    // Runs of one value (a per-channel value over an image batch).
    let channel = Tensor(shape: [1, 2, 1], scalars: [7, 8])
    #expect(channel.broadcast(to: [3, 2, 2]).scalars == [7, 7, 8, 8, 7, 7, 8, 8, 7, 7, 8, 8])
    #expect(channel.broadcast(to: [3, 2, 0]).shape == [3, 2, 0])
    let c = Tensor(shape: [2, 3, 4]) { for i in 0..<24 { $0[i] = Float(i) } }
    let p = c.permuted([2, 0, 1])
    #expect(p.shape == [4, 2, 3])
    #expect(p.scalars.prefix(6) == [0, 4, 8, 12, 16, 20])
    let big = Tensor(shape: [300, 257]) { for i in 0..<(300 * 257) { $0[i] = Float(i) } }
    let bt = big.transposed().scalars
    #expect(bt[5 * 300 + 7] == Float(7 * 257 + 5))
    #expect(big.transposed().transposed().scalars == big.scalars)
}

@Test func matmulMatchesNaiveProduct() {
    var rng = SplitMix(9)
    for (tA, tB) in [(false, false), (true, false), (false, true), (true, true)] {
        let (m, k, n) = (7, 5, 3)
        let a = randomTensor(tA ? [k, m] : [m, k], &rng), b = randomTensor(tB ? [n, k] : [k, n], &rng)
        let va = a.scalars, vb = b.scalars
        let c = matmul(a, b, transposeA: tA, transposeB: tB)
        #expect(c.shape == [m, n])
        for i in 0..<m {
            for j in 0..<n {
                var s: Float = 0
                for l in 0..<k { s += (tA ? va[l * m + i] : va[i * k + l]) * (tB ? vb[j * k + l] : vb[l * n + j]) }
                #expect(abs(c.scalars[i * n + j] - s) < 1e-5)
            }
        }
        let batched = matmul(Tensor(shape: [1] + a.shape, scalars: va), Tensor(shape: [1] + b.shape, scalars: vb),
                             transposeA: tA, transposeB: tB)
        #expect(batched.shape == [1, m, n] && batched.scalars == c.scalars)
    }
}

@Test func stableActivationsAtExtremes() {
    let x = Tensor(shape: [4], scalars: [-100, -30, 30, 100])
    #expect(x.softplus().scalars.allSatisfy { $0.isFinite })
    #expect(x.softplus().scalars[3] == 100 && x.softplus().scalars[0] < 1e-30)
    let s = x.sigmoid().scalars
    #expect(s[0] >= 0 && s[0] < 1e-30 && s[1] > 0 && s[2] == 1 && s[3] == 1)
    #expect(x.logSigmoid().scalars[0] == -100)
    let xg = x.requiringGrad()
    let g = gradients(of: xg.logSigmoid().sum() + xg.elu().sum(), wrt: [xg])[0]
    #expect(g.scalars.allSatisfy { $0.isFinite })
}

@Test func comparisonsAndWhere() {
    let a = Tensor(shape: [3], scalars: [1, 2, 3])
    #expect((a .> 2).scalars == [0, 0, 1])
    #expect((a .<= Tensor(shape: [3, 1], scalars: [1, 2, 3])).scalars == [1, 0, 0, 1, 1, 0, 1, 1, 1])
    #expect(Tensor.where(a .>= 2, a, Tensor(-1)).scalars == [-1, 2, 3])
    #expect(a.clamped(min: 1.5, max: 2.5).scalars == [1.5, 2, 2.5])
}

@Test func sliceConcatenateGather() {
    let t = Tensor(shape: [3, 4]) { for i in 0..<12 { $0[i] = Float(i) } }
    #expect(t.slice([1..<3, 1..<3]).scalars == [5, 6, 9, 10])
    #expect(t.slice(axis: 1, 3..<4).scalars == [3, 7, 11])
    #expect(t.slice([0..<0]).shape == [0, 4])
    let c = concatenate([t.slice([0..<1]), t.slice([2..<3])], axis: 0)
    #expect(c.scalars == [0, 1, 2, 3, 8, 9, 10, 11])
    #expect(concatenate([t, t.slice(axis: 1, 0..<1)], axis: -1).shape == [3, 5])
    #expect(t.gather(rows: [2, 2, 0]).scalars == [8, 9, 10, 11, 8, 9, 10, 11, 0, 1, 2, 3])
    let x = t.requiringGrad()
    let g = gradients(of: x.gather(rows: [2, 2, 0]).sum(), wrt: [x])[0]
    #expect(g.scalars == [1, 1, 1, 1, 0, 0, 0, 0, 2, 2, 2, 2])
}
