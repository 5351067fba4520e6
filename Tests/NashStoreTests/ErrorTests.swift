import Foundation
import NashStore
import Testing

/// Bad files and bad requests end in an `H5Error` that names the file, the object and the cause
/// (HDF5's own words where HDF5 found it), never in a crash or text on stderr.
@Suite("Errors")
struct ErrorTests {
    /// A small valid file with a float64 vector, a float32 matrix, and a group.
    func makeFile(_ scratch: Scratch) throws -> String {
        let path = scratch.path("good.h5")
        let file = try H5File(path: path, mode: .create)
        try file.write("curves/loss/D", [0.5, 0.25, 0.125] as [Double])
        try file.write("samples/x", [Float](repeating: 1, count: 6), shape: [3, 2])
        try file.close()
        return path
    }

    @Test("a missing file")
    func missingFile() throws {
        let scratch = Scratch()
        let path = scratch.path("absent.h5")
        let error = try #require(throws: H5Error.self) { try H5File(path: path) }
        #expect(error.kind == .notFound)
        #expect(error.file == path)
        #expect(error.description.hasPrefix("\(path): no such file: HDF5: unable to open file"))
        #expect(error.description.contains("No such file or directory"))
        #expect(!H5File.isHDF5(path: path))
    }

    @Test("a file that is not HDF5")
    func notHDF5() throws {
        let scratch = Scratch()
        let path = scratch.path("text.h5")
        try "step,loss\n0,0.69\n".write(toFile: path, atomically: false, encoding: .utf8)
        let error = try #require(throws: H5Error.self) { try H5File(path: path) }
        #expect(error.kind == .library)
        #expect(error.description.hasPrefix("\(path): cannot open file for reading: HDF5: unable to open file"))
        #expect(error.stack.last?.contains("file signature not found") == true)
        #expect(!H5File.isHDF5(path: path))
    }

    @Test("a truncated file")
    func truncated() throws {
        let scratch = Scratch()
        let path = try makeFile(scratch)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let cut = scratch.path("cut.h5")
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: cut))
        let error = try #require(throws: H5Error.self) { try H5File(path: cut) }
        #expect(error.kind == .library)
        #expect(error.description.hasPrefix("\(cut): cannot open file for reading: HDF5:"))
        #expect(error.description.contains("truncated file"))
    }

    @Test("missing datasets, groups used as datasets, and the reverse")
    func missingObjects() throws {
        let scratch = Scratch()
        let path = try makeFile(scratch)
        let file = try H5File(path: path)
        let missing = try #require(throws: H5Error.self) { try file.read("curves/loss/G", as: Double.self) }
        #expect(missing.kind == .notFound)
        #expect(missing.description == "\(path): /curves/loss/G: no such dataset")
        let group = try #require(throws: H5Error.self) { try file.dataset("curves/loss") }
        #expect(group.description == "\(path): /curves/loss: is a group, not a dataset")
        let dataset = try #require(throws: H5Error.self) { try file.group("curves/loss/D") }
        #expect(dataset.description == "\(path): /curves/loss/D: is a dataset, not a group")
        let relative = try #require(throws: H5Error.self) { try file.group("curves").dataset("nope") }
        #expect(relative.object == "/curves/nope")
    }

    @Test("reading with the wrong element type or rank")
    func wrongTypeOrRank() throws {
        let scratch = Scratch()
        let path = try makeFile(scratch)
        let file = try H5File(path: path)
        let type = try #require(throws: H5Error.self) { try file.read("curves/loss/D", as: Float.self) }
        #expect(type.kind == .wrongType)
        #expect(type.description == "\(path): /curves/loss/D: cannot read float32: dataset holds float64")
        let rank = try #require(throws: H5Error.self) { try file.read("samples/x", as: Float.self, rank: 1) }
        #expect(rank.kind == .wrongRank)
        #expect(rank.description == "\(path): /samples/x: dataset has rank 2 (shape [3, 2]), not rank 1")
        #expect(try file.read("samples/x", as: Float.self, rank: 2).shape == [3, 2])
        let string = try #require(throws: H5Error.self) { try file.dataset("samples/x").readString() }
        #expect(string.description.hasSuffix("dataset holds float32, not strings"))
        let rows = try #require(throws: H5Error.self) { try file.dataset("samples/x").read(Float.self, rows: 2..<4) }
        #expect(rows.kind == .wrongShape)
    }

    @Test("writes that do not fit, and writes to a read-only file")
    func badWrites() throws {
        let scratch = Scratch()
        let path = try makeFile(scratch)
        do {
            let file = try H5File(path: path, mode: .readWrite)
            let shape = try #require(throws: H5Error.self) { try file.write("y", [1, 2, 3] as [Double], shape: [2, 2]) }
            #expect(shape.description == "\(path): /y: 3 values for shape [2, 2] (4 elements)")
            #expect(try !file.exists("y"))   // the failed write leaves nothing behind
            let fixed = try #require(throws: H5Error.self) { try file.dataset("curves/loss/D").append(1.0) }
            #expect(fixed.description.hasSuffix("cannot append: the first dimension is fixed at 3"))
            let records = try file.createExtendableDataset("r", of: Int64.self, recordShape: [3])
            let partial = try #require(throws: H5Error.self) { try records.append([1, 2] as [Int64]) }
            #expect(partial.description.hasSuffix("2 values are not whole records of shape [3]"))
            let exists = try #require(throws: H5Error.self) { try file.createGroup("curves") }
            #expect(exists.description.hasPrefix("\(path): /curves: cannot create group: HDF5:"))
            #expect(exists.description.contains("already exists"))
            try file.close()
        }
        let readOnly = try H5File(path: path)
        let error = try #require(throws: H5Error.self) { try readOnly.write("z", [1] as [Int64]) }
        #expect(error.kind == .library)
        #expect(error.description.hasPrefix("\(path): /z: cannot create dataset: HDF5:"))
        #expect(error.description.contains("no write intent"))
    }

    @Test("creating a file that exists with createNew")
    func createNewRefusesExisting() throws {
        let scratch = Scratch()
        let path = try makeFile(scratch)
        let error = try #require(throws: H5Error.self) { try H5File(path: path, mode: .createNew) }
        #expect(error.description.hasPrefix("\(path): cannot create file: HDF5: unable to create file"))
        #expect(try H5File(path: path).read("curves/loss/D", as: Double.self).values == [0.5, 0.25, 0.125])
    }
}
