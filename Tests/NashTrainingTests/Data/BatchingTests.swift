import Foundation
import Nash
import NashEngine
import NashTraining
import Testing

@Suite("Batches are pure functions of (seed, stream, draw, size) and finite sets go by epochs")
struct BatchingTests {
    @Test("same seed, stream and draw give the same batch; any change gives another")
    func determinism() throws {
        let a = try RealData(.ring(), seed: 11, baseDirectory: "/")
        let b = try RealData(.ring(), seed: 11, baseDirectory: "/")
        let batch = a.batch(draw: 5, size: 256).scalars
        #expect(b.batch(draw: 5, size: 256).scalars == batch)
        #expect(a.batch(draw: 5, size: 256).scalars == batch)
        #expect(a.batch(draw: 6, size: 256).scalars != batch)
        #expect(a.batch(draw: 5, size: 256, stream: "data/other").scalars != batch)
        #expect(try RealData(.ring(), seed: 12, baseDirectory: "/").batch(draw: 5, size: 256).scalars != batch)
        // Point i uses draw i of each child stream: a smaller batch is a prefix of a larger one.
        #expect(Array(a.batch(draw: 5, size: 512).scalars.prefix(512)) == batch)
        #expect(a.reference(count: 256, stream: "data/reference").scalars != batch)
    }

    @Test("batches do not depend on the thread count")
    func threadCount() throws {
        // 40 000 points of a ring need 80 000 normals: more than one chunk of the parallel fill.
        let data = try RealData(.ring(), seed: 3, baseDirectory: "/")
        let one = Parallel.withThreadCount(1) { data.batch(draw: 2, size: 40_000).scalars }
        let two = Parallel.withThreadCount(2) { data.batch(draw: 2, size: 40_000).scalars }
        #expect(one == two)
    }

    @Test("a finite synthetic set is drawn once: every epoch covers each row exactly once (B divides N)")
    func finiteSyntheticEpochs() throws {
        let data = try RealData(.ring().finite(12), seed: 5, baseDirectory: "/")
        #expect(data.size == 12)
        let set = Set(rowsOf(data.reference(count: 12, stream: "data/reference")))
        #expect(set.count == 12)
        var orders: [[[Double]]] = []
        for epoch in 0..<4 {
            let rows = (0..<3).flatMap { rowsOf(data.batch(draw: epoch * 3 + $0, size: 4)) }
            #expect(rows.count == 12 && Set(rows) == set)
            orders.append(rows)
        }
        #expect(Set(orders).count == 4, "each epoch has its own permutation")
        // The set does not depend on the batch stream or on another instance.
        let again = try RealData(.ring().finite(12), seed: 5, baseDirectory: "/")
        #expect(again.batch(draw: 7, size: 4).scalars == data.batch(draw: 7, size: 4).scalars)
        #expect(Set(rowsOf(again.batch(draw: 0, size: 12, stream: "eval"))) == set)
    }

    @Test("when B does not divide N the last batch of an epoch wraps to the start of the same epoch")
    func wrapAround() throws {
        // Rows of a file set are identifiable: row r is (r, −r).
        let n = 10
        let file = try TemporaryDirectory()
        try file.writeFloat32("rows.h5", "x", (0..<n).flatMap { [Float($0), -Float($0)] }, shape: [n, 2])
        let data = try RealData(.file("rows.h5", dataset: "x"), seed: 9, baseDirectory: file.path)
        #expect(data.size == n && data.sampleShape == [2])
        for epoch in 0..<3 {
            // B = 4: ⌈10/4⌉ = 3 batches, 12 positions: the first 10 a permutation, then its first 2 again.
            let ids = (0..<3).flatMap { rowsOf(data.batch(draw: epoch * 3 + $0, size: 4)).map { Int($0[0]) } }
            #expect(ids.count == 12)
            #expect(Set(ids.prefix(10)) == Set(0..<n))
            #expect(Array(ids.suffix(2)) == Array(ids.prefix(2)))
        }
        // B > N: one batch per epoch, the epoch's permutation repeated.
        let big = rowsOf(data.batch(draw: 1, size: 25)).map { Int($0[0]) }
        #expect(Set(big.prefix(10)) == Set(0..<n))
        #expect(Array(big[10..<20]) == Array(big[0..<10]) && Array(big[20..<25]) == Array(big[0..<5]))
        #expect(rowsOf(data.batch(draw: 2, size: 25)).map { Int($0[0]) } != big)
    }

    @Test("reference samples of a finite set are rows of the set, all before any repeats")
    func finiteReference() throws {
        let n = 6
        let file = try TemporaryDirectory()
        try file.writeFloat32("rows.h5", "x", (0..<n).map { Float($0) }, shape: [n, 1])
        let data = try RealData(.file("rows.h5", dataset: "x"), seed: 1, baseDirectory: file.path)
        let ids = data.reference(count: 9, stream: "data/reference").scalars.map { Int($0) }
        #expect(Set(ids.prefix(6)) == Set(0..<n) && Array(ids.suffix(3)) == Array(ids.prefix(3)))
        #expect(data.reference(count: 9, stream: "data/reference").scalars.map { Int($0) } == ids)
    }
}
