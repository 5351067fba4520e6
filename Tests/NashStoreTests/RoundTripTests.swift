import Foundation
import NashStore
import Testing

/// Shapes every element type is written and read back with: scalar, empty, vectors, matrices,
/// higher ranks, and zero-sized dimensions in the middle.
let roundTripShapes: [[Int]] = [[], [0], [1], [7], [3, 4], [0, 3], [3, 0], [2, 3, 4], [2, 0, 5], [1, 2, 1, 3, 2]]

/// Deterministic test values of each kind, with the awkward ones first (extremes, -0, subnormals).
func sampleValues<T: H5Scalar>(_ type: T.Type, count: Int) -> [T] {
    func pick<U>(_ specials: [U], _ make: (Int) -> U) -> [U] {
        (0..<count).map { $0 < specials.count ? specials[$0] : make($0) }
    }
    switch T.h5Kind {
    case .float32:
        return pick([Float.greatestFiniteMagnitude, -0.0, Float.leastNonzeroMagnitude, -Float.infinity],
                    { Float($0) * 0.37 - 2.5 }) as! [T]
    case .float64:
        return pick([Double.greatestFiniteMagnitude, -0.0, Double.leastNonzeroMagnitude, .pi],
                    { Double($0) * -1.0e-3 + 1.0 / 3.0 }) as! [T]
    case .int64 where T.self == Int.self:
        return pick([Int.max, Int.min, -1], { $0 * 1_000_003 - 77 }) as! [T]
    case .int64:
        return pick([Int64.max, Int64.min, -1], { Int64($0) * 1_000_003 - 77 }) as! [T]
    case .uint8:
        return pick([UInt8.max, 0], { UInt8(truncatingIfNeeded: $0 * 37) }) as! [T]
    }
}

/// Compares bit patterns, so -0.0 vs 0.0 and NaN payloads count as differences.
func bits<T: H5Scalar>(_ values: [T]) -> [[UInt8]] {
    values.map { value in withUnsafeBytes(of: value) { Array($0) } }
}

@Suite("Round trips through real files")
struct RoundTripTests {
    func roundTrip<T: H5Scalar>(_ type: T.Type, shape: [Int], compression: H5Compression?) throws {
        let scratch = Scratch()
        let path = scratch.path("values.h5")
        let values = sampleValues(T.self, count: shape.reduce(1, *))
        do {
            let file = try H5File(path: path, mode: .create)
            try file.write("deep/group/values", values, shape: shape, compression: compression)
            try file.close()
        }
        let file = try H5File(path: path)
        let read = try file.read("deep/group/values", as: T.self, rank: shape.count)
        #expect(read.shape == shape)
        #expect(bits(read.values) == bits(values))
        let dataset = try file.dataset("/deep/group/values")
        #expect(dataset.elementKind == T.h5Kind)
        #expect(try dataset.maxShape() == shape.map { Optional($0) })
    }

    @Test("every element type and rank, compressed", arguments: roundTripShapes)
    func compressed(shape: [Int]) throws {
        try roundTrip(Float.self, shape: shape, compression: .standard)
        try roundTrip(Double.self, shape: shape, compression: .standard)
        try roundTrip(Int64.self, shape: shape, compression: .standard)
        try roundTrip(UInt8.self, shape: shape, compression: .standard)
        try roundTrip(Int.self, shape: shape, compression: .standard)
    }

    @Test("every element type and rank, contiguous", arguments: roundTripShapes)
    func contiguous(shape: [Int]) throws {
        try roundTrip(Float.self, shape: shape, compression: nil)
        try roundTrip(Double.self, shape: shape, compression: nil)
        try roundTrip(Int64.self, shape: shape, compression: nil)
        try roundTrip(UInt8.self, shape: shape, compression: nil)
    }

    @Test("a large dataset is split into chunks and still reads back exactly")
    func largeChunked() throws {
        let scratch = Scratch()
        let path = scratch.path("large.h5")
        let shape = [300, 50, 20]   // 300 000 float32 = 1.2 MB, several 256 KiB chunks
        let values = (0..<shape.reduce(1, *)).map { Float(sin(Double($0) * 0.001)) }
        let file = try H5File(path: path, mode: .create)
        try file.write("x", values, shape: shape)
        try file.close()
        let read = try H5File(path: path).read("x", as: Float.self, rank: 3)
        #expect(read.shape == shape)
        #expect(read.values == values)
    }

    @Test("scalar string datasets keep non-ASCII UTF-8, empty strings and newlines")
    func stringDatasets() throws {
        let scratch = Scratch()
        let path = scratch.path("strings.h5")
        let spec = #"{"name":"ring8","note":"Grüße — 日本語 🙂","steps":25000}"#
        let source = "import Nash\n\nlet ring = Scenario(\"ring8\") {\n\tLoss.minimax\n}\n"
        let file = try H5File(path: path, mode: .create)
        try file.writeString("spec", spec)
        try file.writeString("source", source)
        try file.writeString("notes/empty", "")
        try file.close()
        let reopened = try H5File(path: path)
        #expect(try reopened.readString("spec") == spec)
        #expect(try reopened.readString("/source") == source)
        #expect(try reopened.readString("notes/empty") == "")
        #expect(try reopened.dataset("spec").isString)
        #expect(try reopened.dataset("spec").shape() == [])
    }

    @Test("extendable datasets grow by one and by many records, and shrink")
    func appendRecords() throws {
        let scratch = Scratch()
        let path = scratch.path("append.h5")
        let file = try H5File(path: path, mode: .create)
        let steps = try file.createExtendableDataset("curves/step", of: Int64.self, chunkRecords: 4)
        let samples = try file.createExtendableDataset("samples/x", of: Float.self, recordShape: [3, 2])
        #expect(try steps.shape() == [0])
        #expect(try samples.maxShape() == [nil, 3, 2])
        for step in 0..<10 { try steps.append(Int64(step * 10)) }
        try steps.append([100, 110, 120] as [Int64])
        try samples.append((0..<6).map(Float.init))
        try samples.append((6..<18).map(Float.init))
        try file.close()

        let reopened = try H5File(path: path, mode: .readWrite)
        #expect(try reopened.read("curves/step", as: Int64.self) ==
                H5Array(shape: [13], values: (0..<13).map { Int64($0 * 10) }))
        let x = try reopened.read("samples/x", as: Float.self, rank: 3)
        #expect(x.shape == [3, 3, 2])
        #expect(x.values == (0..<18).map(Float.init))
        let middle = try reopened.dataset("samples/x").read(Float.self, rows: 1..<2)
        #expect(middle == H5Array(shape: [1, 3, 2], values: (6..<12).map(Float.init)))

        // Resume cuts the curves back to a checkpoint and continues.
        let stepsAgain = try reopened.dataset("curves/step")
        try stepsAgain.resize(rows: 5)
        try stepsAgain.append(Int64(-1))
        try reopened.close()
        #expect(try H5File(path: path).read("curves/step", as: Int64.self).values == [0, 10, 20, 30, 40, -1])
    }

    @Test("groups: nested creation, existence, listing with kinds, require and delete")
    func groups() throws {
        let scratch = Scratch()
        let file = try H5File(path: scratch.path("groups.h5"), mode: .create)
        let loss = try file.createGroup("curves/loss")
        #expect(loss.path == "/curves/loss")
        try loss.write("D", [1.0, 2.0] as [Double])
        try loss.write("/curves/step", [0, 1] as [Int64])
        _ = try file.createGroup("checkpoints/5000/generator")
        try file.writeString("spec", "{}")

        #expect(try file.exists("/"))
        #expect(try file.exists("curves/loss/D"))
        #expect(try loss.exists("D"))
        #expect(try !file.exists("curves/loss/G"))
        #expect(try !file.exists("curves/loss/D/deeper"))   // through a dataset: absent, not an error
        #expect(try !file.exists("nowhere/at/all"))

        #expect(try file.members() == [H5Member(name: "checkpoints", kind: .group),
                                       H5Member(name: "curves", kind: .group),
                                       H5Member(name: "spec", kind: .dataset)])
        #expect(try file.group("curves").members() == [H5Member(name: "loss", kind: .group),
                                                       H5Member(name: "step", kind: .dataset)])
        let again = try file.requireGroup("curves/loss")
        #expect(try again.members().map(\.name) == ["D"])
        _ = try file.requireGroup("evals")
        #expect(try file.exists("evals"))

        try file.delete("checkpoints/5000")
        #expect(try file.group("checkpoints").members().isEmpty)
        #expect(try !file.exists("checkpoints/5000/generator"))
    }

    @Test("closing a file closes the objects opened from it")
    func closeIsStrong() throws {
        let scratch = Scratch()
        let file = try H5File(path: scratch.path("close.h5"), mode: .create)
        let dataset = try file.createExtendableDataset("x", of: Double.self)
        let group = try file.createGroup("g")
        try file.close()
        #expect(!dataset.isOpen)
        let error = try #require(throws: H5Error.self) { try dataset.append(1.0) }
        #expect(error.kind == .closed)
        #expect(throws: H5Error.self) { try group.members() }
        try file.close()   // twice is fine
    }
}
