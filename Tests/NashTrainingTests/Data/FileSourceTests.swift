import Foundation
import Nash
import NashEngine
import NashStore
import NashTraining
import Testing

@Suite("File sources: HDF5 arrays, checked shape and content hash")
struct FileSourceTests {
    /// The content hash as h5py users compute it (FileArray's documentation).
    static let hashScript = """
        import h5py, numpy, hashlib
        with h5py.File("%@", "r") as f:
            print(hashlib.sha256(numpy.ascontiguousarray(f["%@"][()], dtype="<f4").tobytes()).hexdigest())
        """

    @Test("a float32 file written with NashStore: values, shape, size and hash (checked by h5py)")
    func nashStoreFile() throws {
        let dir = try TemporaryDirectory()
        let values: [Float] = (0..<30).map { Float($0) * 0.25 - 3 }
        try dir.writeFloat32("points.h5", "group/x", values, shape: [10, 3])
        let data = try RealData(.file("points.h5", dataset: "group/x", shape: [3]), seed: 1, baseDirectory: dir.path)
        #expect(data.sampleShape == [3] && data.size == 10 && data.modes == nil)
        let hash = try dir.python(String(format: Self.hashScript, "points.h5", "group/x"))
        #expect(data.contentHash == hash)
        #expect(data.contentHash == SHA256.hex(SHA256.hash(values.flatMap { v in
            withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } })))
        // All 10 rows, in some order, as one epoch of one batch.
        let rows = rowsOf(data.batch(draw: 0, size: 10))
        #expect(Set(rows) == Set((0..<10).map { r in (0..<3).map { Double(values[r * 3 + $0]) } }))
        // The declared hash is accepted; an absolute path ignores the base directory.
        let absolute = try RealData(.file(dir.path + "/points.h5", dataset: "/group/x", sha256: hash), seed: 1,
                                    baseDirectory: "/nonexistent")
        #expect(absolute.contentHash == hash)
    }

    @Test("float32 and float64 files written by h5py are read, converted and hashed as float32",
          arguments: ["float32", "float64"])
    func h5pyFile(type: String) throws {
        let dir = try TemporaryDirectory()
        let hash = try dir.python("""
            import h5py, numpy, hashlib
            x = (numpy.arange(24).reshape(6, 1, 2, 2) / 3.0 - 1.1).astype("\(type)")
            with h5py.File("images.h5", "w") as f:
                f["pixels"] = x
            print(hashlib.sha256(x.astype("<f4").tobytes()).hexdigest())
            """)
        let data = try RealData(.file("images.h5", dataset: "pixels", shape: [1, 2, 2], sha256: hash), seed: 2,
                                baseDirectory: dir.path)
        #expect(data.sampleShape == [1, 2, 2] && data.size == 6 && data.contentHash == hash)
        let batch = data.batch(draw: 0, size: 6)
        #expect(batch.shape == [6, 1, 2, 2])
        let expected = (0..<24).map { Float(Double($0) / 3.0 - 1.1) }
        #expect(Set(rowsOf(batch)) == Set((0..<6).map { r in (0..<4).map { Double(expected[r * 4 + $0]) } }))
    }

    @Test("a wrong declared hash, a missing file, dataset or shape, and foreign data are refused clearly")
    func refusals() throws {
        let dir = try TemporaryDirectory()
        try dir.writeFloat32("x.h5", "x", [1, 2, 3, 4], shape: [2, 2])
        let file = dir.path + "/x.h5"
        func message(_ dataset: Dataset) -> String {
            do {
                _ = try RealData(dataset, seed: 1, baseDirectory: dir.path)
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        let wrong = String(repeating: "ab", count: 32)
        let actual = try RealData(.file("x.h5", dataset: "x"), seed: 1, baseDirectory: dir.path).contentHash!
        #expect(message(.file("x.h5", dataset: "x", sha256: wrong))
                == "\(file): dataset 'x': sha256 mismatch: the scenario declares \(wrong), the array hashes to \(actual)")
        #expect(message(.file("missing.h5", dataset: "x")) == "\(dir.path)/missing.h5: no such file")
        #expect(message(.file("x.h5", dataset: "y")) == "\(file): no dataset 'y' in the file")
        #expect(message(.file("x.h5", dataset: "x", shape: [3]))
                == "\(file): dataset 'x' has shape [2, 2], so samples of shape [2], but the scenario declares [3]")

        let h5 = try H5File(path: dir.path + "/other.h5", mode: .create)
        try h5.write("ints", [1, 2, 3, 4] as [Int64], shape: [2, 2])
        try h5.write("flat", [1, 2, 3] as [Float])
        try h5.close()
        #expect(message(.file("other.h5", dataset: "ints"))
                == "\(dir.path)/other.h5: dataset 'ints' holds int64; expected float32 or float64")
        #expect(message(.file("other.h5", dataset: "flat")).hasPrefix(
            "\(dir.path)/other.h5: dataset 'flat' has shape [3]; expected [samples, dims…]"))
        try "not hdf5".write(toFile: dir.path + "/text.h5", atomically: true, encoding: .utf8)
        #expect(message(.file("text.h5", dataset: "x")) == "\(dir.path)/text.h5: not an HDF5 file")
        #expect(message(Dataset(source: .file(path: "x.h5", dataset: "x", shape: nil, sha256: nil), size: 2))
                == "\(file): a file data set is finite already; remove .finite(…)")
    }
}
