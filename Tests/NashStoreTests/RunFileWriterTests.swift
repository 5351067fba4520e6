import Foundation
import NashStore
import Testing

/// The crash-safe writer without crashes: what reaches the disk when, resuming, and readers alongside.
@Suite("RunFileWriter")
struct RunFileWriterTests {
    @Test("nothing reaches the path before the first commit; each commit replaces the file whole")
    func commitsReplaceTheFile() throws {
        let scratch = Scratch()
        let path = scratch.path("seed-1.h5")
        let writer = try RunFileWriter(path: path)
        try writer.file.setAttribute("status", "running")
        let loss = try writer.file.createExtendableDataset("curves/loss/D", of: Double.self)
        try loss.append([0.7, 0.6] as [Double])
        #expect(!FileManager.default.fileExists(atPath: path))

        try writer.commit()
        #expect(writer.commitCount == 1)
        let first = try H5File(path: path)   // a reader holding the first commit open
        #expect(try first.read("curves/loss/D", as: Double.self).values == [0.7, 0.6])

        try loss.append(0.5)
        _ = try writer.file.createGroup("checkpoints/3")
        try writer.file.setAttribute("status", "complete")
        // Before the next commit, the file on disk is still the first commit.
        #expect(try H5File(path: path).read("curves/loss/D", as: Double.self).values == [0.7, 0.6])
        try writer.close()

        let final = try H5File(path: path)
        #expect(try final.read("curves/loss/D", as: Double.self).values == [0.7, 0.6, 0.5])
        #expect(try final.attribute("status", as: String.self) == "complete")
        #expect(try final.exists("checkpoints/3"))
        #expect(writer.committedBytes == (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int))
        // The reader opened before keeps its version.
        #expect(try first.read("curves/loss/D", as: Double.self).values == [0.7, 0.6])
        #expect(try first.attribute("status", as: String.self) == "running")
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
    }

    @Test("an existing file is refused unless replacing, and survives until the first commit")
    func replacing() throws {
        let scratch = Scratch()
        let path = scratch.path("seed-2.h5")
        let old = try RunFileWriter(path: path)
        try old.file.setAttribute("generation", 1)
        try old.close()

        let refused = try #require(throws: H5Error.self) { try RunFileWriter(path: path) }
        #expect(refused.description == "\(path): file exists; pass replacing: true to replace it")

        let reader = try H5File(path: path)   // HDF5 holds a lock while this is open
        let new = try RunFileWriter(path: path, replacing: true)
        try new.file.setAttribute("generation", 2)
        #expect(try H5File(path: path).attribute("generation", as: Int.self) == 1)
        try new.close()
        #expect(try H5File(path: path).attribute("generation", as: Int.self) == 2)
        #expect(try reader.attribute("generation", as: Int.self) == 1)
    }

    @Test("resume continues a committed file, discarding what was never committed")
    func resume() throws {
        let scratch = Scratch()
        let path = scratch.path("seed-3.h5")
        do {
            let writer = try RunFileWriter(path: path)
            let step = try writer.file.createExtendableDataset("curves/step", of: Int64.self)
            try step.append([0, 10, 20] as [Int64])
            try writer.commit()
            try step.append(30)                  // never committed: the run "crashes" here
            try writer.discard()
        }
        // A torn temporary file from a killed commit is removed by the next writer.
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: path + ".partial"))

        let reader = try H5File(path: path)      // a reader may hold the file while we resume
        let writer = try RunFileWriter(resuming: path)
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
        let step = try writer.file.dataset("curves/step")
        #expect(try step.read(Int64.self).values == [0, 10, 20])
        try step.append([30, 40] as [Int64])
        try writer.file.setAttribute("status", "complete")
        try writer.close()

        let final = try H5File(path: path)
        #expect(try final.read("curves/step", as: Int64.self).values == [0, 10, 20, 30, 40])
        #expect(try reader.read("curves/step", as: Int64.self).values == [0, 10, 20])
    }

    @Test("resuming a missing, empty or foreign file is a clear error")
    func resumeErrors() throws {
        let scratch = Scratch()
        let missing = scratch.path("missing.h5")
        let notFound = try #require(throws: H5Error.self) { try RunFileWriter(resuming: missing) }
        #expect(notFound.description == "\(missing): no such file")

        let empty = scratch.path("empty.h5")
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        let emptyError = try #require(throws: H5Error.self) { try RunFileWriter(resuming: empty) }
        #expect(emptyError.description == "\(empty): cannot resume: the file is empty")

        let foreign = scratch.path("foreign.h5")
        try "not hdf5 at all".write(toFile: foreign, atomically: false, encoding: .utf8)
        let foreignError = try #require(throws: H5Error.self) { try RunFileWriter(resuming: foreign) }
        #expect(foreignError.description.hasPrefix("\(foreign): cannot open file for writing: HDF5:"))
        #expect(foreignError.description.contains("file signature not found"))
    }
}

/// Appends are buffered in the handle; nothing that can observe the dataset may miss them.
@Suite("Buffered appends")
struct BufferedAppendTests {
    @Test("another handle, a shape query and a reopen all see every appended record")
    func visibility() throws {
        let scratch = Scratch()
        let path = scratch.path("buffered.h5")
        let file = try H5File(path: path, mode: .create)
        let writerHandle = try file.createExtendableDataset("curves/loss/D", of: Double.self)
        for index in 0..<10 { try writerHandle.append(Double(index)) }
        let readerHandle = try file.dataset("curves/loss/D")
        #expect(try readerHandle.shape() == [10])
        #expect(try readerHandle.read(Double.self).values == (0..<10).map(Double.init))
        try writerHandle.append(10.0)
        #expect(try file.read("curves/loss/D", as: Double.self).values.count == 11)
        #expect(try readerHandle.read(Double.self, rows: 9..<11).values == [9, 10])

        // Many records across the buffer size in one go, then single ones past it.
        let many = (0..<20_000).map { Double($0) }
        try writerHandle.append(many)
        for index in 0..<9_000 { try writerHandle.append(Double(index)) }
        try file.close()   // closes (and flushes) the dataset handles too
        let values = try H5File(path: path).read("curves/loss/D", as: Double.self).values
        #expect(values == (0..<11).map(Double.init) + many + (0..<9_000).map(Double.init))
    }

    @Test("a handle dropped without close still writes its records")
    func deinitFlushes() throws {
        let scratch = Scratch()
        let path = scratch.path("dropped.h5")
        let file = try H5File(path: path, mode: .create)
        do {
            let samples = try file.createExtendableDataset("samples/x", of: Float.self, recordShape: [2])
            try samples.append([1, 2, 3, 4] as [Float])
        }
        try file.close()
        #expect(try H5File(path: path).read("samples/x", as: Float.self)
                == H5Array(shape: [2, 2], values: [1, 2, 3, 4]))
    }

    @Test("appending the wrong type or to a fixed dataset fails at the call")
    func appendErrors() throws {
        let scratch = Scratch()
        let path = scratch.path("errors.h5")
        let file = try H5File(path: path, mode: .create)
        let steps = try file.createExtendableDataset("curves/step", of: Int64.self)
        let wrong = try #require(throws: H5Error.self) { try steps.append(1.5) }
        #expect(wrong.description == "\(path): /curves/step: cannot append float64: dataset holds int64")
        let scalar = try file.write("scalar", [1] as [Int64], shape: [])
        let rank = try #require(throws: H5Error.self) { try scalar.append(Int64(2)) }
        #expect(rank.description == "\(path): /scalar: cannot append to a scalar dataset")
        let records = try file.createExtendableDataset("pairs", of: UInt8.self, recordShape: [2])
        let single = try #require(throws: H5Error.self) { try records.append(UInt8(1)) }
        #expect(single.description == "\(path): /pairs: 1 value is not a whole record of shape [2]")
        #expect(try records.shape() == [0, 2])
    }
}
