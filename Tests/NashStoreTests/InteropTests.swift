import Foundation
import NashStore
import NashTestSupport
import Testing

/// Our files open in h5dump and h5py exactly as a user expects, and we read what h5py writes.
@Suite("Interoperability with h5dump and h5py")
struct InteropTests {
    /// A file in the run-file layout: header attributes, a string dataset, curves, samples, a checkpoint.
    func writeRunLikeFile(_ path: String) throws {
        let file = try H5File(path: path, mode: .create)
        try file.setAttribute("format", "nash-run")
        try file.setAttribute("format_version", 1)
        try file.setAttribute("scenario", "ring8 — naïve")
        try file.setAttribute("seed", 7)
        try file.setAttribute("lr", 1.0e-4)
        try file.setAttribute("seeds", [1, 2, 3])
        try file.setAttribute("betas", [0.5, 0.999])
        try file.setAttribute("curve_names", ["loss/D", "D/accuracy", "ünï"])
        try file.writeString("spec", #"{"name":"ring8","σ":0.02}"#)
        let step = try file.createExtendableDataset("curves/step", of: Int64.self)
        let loss = try file.createExtendableDataset("curves/loss/D", of: Double.self)
        for index in 0..<5 {
            try step.append(Int64(index * 10))
            try loss.append(0.5 + Double(index) * 0.125)
        }
        try file.write("samples/x", (0..<24).map { Float($0) / 4 }, shape: [2, 3, 4])
        try file.write("data/mask", [0, 1, 255] as [UInt8])
        try file.write("checkpoints/5000/generator/bias", [Float](), shape: [0])
        try file.write("evals/count", [42] as [Int64], shape: [])
        try file.close()
    }

    @Test("h5dump reads our datasets, attributes, strings and filters")
    func h5dumpReads() throws {
        let scratch = Scratch()
        let path = scratch.path("run.h5")
        try writeRunLikeFile(path)
        let dump = try runProgram("/usr/bin/h5dump", ["-p", path])
        #expect(dump.status == 0, "\(dump.stderr)")
        let text = dump.stdout
        for fragment in [
            #"ATTRIBUTE "format""#, #"(0): "nash-run""#, "CSET H5T_CSET_UTF8;", "STRSIZE H5T_VARIABLE;",
            #"DATASET "step""#, "DATATYPE  H5T_STD_I64LE", "(0): 0, 10, 20, 30, 40",
            #"DATASET "D""#, "DATATYPE  H5T_IEEE_F64LE", "DATASPACE  SIMPLE { ( 5 ) / ( H5S_UNLIMITED ) }",
            "(0): 0.5, 0.625, 0.75, 0.875, 1",
            "PREPROCESSING SHUFFLE", "COMPRESSION DEFLATE { LEVEL 4 }",
            #"DATASET "x""#, "DATATYPE  H5T_IEEE_F32LE", "DATASPACE  SIMPLE { ( 2, 3, 4 ) / ( 2, 3, 4 ) }",
            "(1,2,0): 5, 5.25, 5.5, 5.75", #"DATASET "mask""#, "DATATYPE  H5T_STD_U8LE", "(0): 0, 1, 255",
            #"DATASET "count""#, "DATASPACE  SCALAR", "(0): 42",
            #"DATASET "bias""#, "DATASPACE  SIMPLE { ( 0 ) / ( 0 ) }",
            #"ATTRIBUTE "seeds""#, "(0): 1, 2, 3", #"ATTRIBUTE "betas""#, "(0): 0.5, 0.999",
        ] {
            #expect(text.contains(fragment), "h5dump output lacks \(fragment)")
        }
    }

    @Test("h5py sees str attributes, exact shapes and dtypes, gzip and shuffle")
    func h5pyReads() throws {
        let scratch = Scratch()
        let path = scratch.path("run.h5")
        try writeRunLikeFile(path)
        let script = #"""
        import sys, h5py, numpy as np
        f = h5py.File(sys.argv[1], "r")
        def describe(name, obj):
            if not isinstance(obj, h5py.Dataset):
                return
            line = [name, str(obj.shape), str(obj.dtype), str(obj.maxshape), str(obj.compression), str(obj.shuffle)]
            if h5py.check_string_dtype(obj.dtype):
                line += [h5py.check_string_dtype(obj.dtype).encoding, obj.asstr()[()]]
            else:
                line.append(str(obj[()].ravel().tolist()))
            print("|".join(line))
        f.visititems(describe)
        for key, value in sorted(f.attrs.items()):
            if isinstance(value, np.ndarray):
                print("@" + key, "ndarray", value.dtype, type(value[0]).__name__, value.tolist(), sep="|")
            else:
                print("@" + key, type(value).__name__, value, sep="|")
        """#
        let result = try runPython(script, [path])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = Set(result.stdout.split(separator: "\n").map(String.init))
        let expected = [
            "checkpoints/5000/generator/bias|(0,)|float32|(0,)|None|False|[]",
            "curves/loss/D|(5,)|float64|(None,)|gzip|True|[0.5, 0.625, 0.75, 0.875, 1.0]",
            "curves/step|(5,)|int64|(None,)|gzip|True|[0, 10, 20, 30, 40]",
            "data/mask|(3,)|uint8|(3,)|gzip|True|[0, 1, 255]",
            "evals/count|()|int64|()|None|False|[42]",
            "samples/x|(2, 3, 4)|float32|(2, 3, 4)|gzip|True|"
                + "[" + (0..<24).map { "\(Double($0) / 4)" }.joined(separator: ", ") + "]",
            #"spec|()|object|()|None|False|utf-8|{"name":"ring8","σ":0.02}"#,
            "@betas|ndarray|float64|float64|[0.5, 0.999]",
            "@curve_names|ndarray|object|str|['loss/D', 'D/accuracy', 'ünï']",
            "@format|str|nash-run",
            "@format_version|int64|1",
            "@lr|float64|0.0001",
            "@scenario|str|ring8 — naïve",
            "@seed|int64|7",
            "@seeds|ndarray|int64|int64|[1, 2, 3]",
        ]
        for line in expected {
            #expect(lines.contains(line), "h5py printed no line \(line)\n\(result.stdout)")
        }
        #expect(lines.count == expected.count)
    }

    @Test("we read what h5py writes: dtypes, ranks, byte order, fixed and variable strings")
    func readH5pyFile() throws {
        let scratch = Scratch()
        let path = scratch.path("from-python.h5")
        let script = #"""
        import sys, h5py, numpy as np
        with h5py.File(sys.argv[1], "w") as f:
            f.create_dataset("matrix", data=np.arange(12, dtype="<f4").reshape(3, 4) / 8)
            f.create_dataset("big_endian", data=np.array([1.5, -2.25, 1e300], dtype=">f8"))
            f.create_dataset("ints", data=np.array([-5, 0, 2**62], dtype="i8"), compression="gzip", shuffle=True)
            f.create_dataset("cube", data=np.arange(8, dtype="u1").reshape(2, 2, 2), chunks=(1, 2, 2))
            f.create_dataset("scalar", data=np.float64(2.5))
            f.create_dataset("int32s", data=np.array([1, 2], dtype="i4"))
            f.create_dataset("nested/deeper/empty", shape=(0, 3), dtype="f8", maxshape=(None, 3))
            f["text"] = "Grüße 🙂"
            f.create_dataset("names", data=["a", "bé"], dtype=h5py.string_dtype())
            f.attrs["title"] = "naïve"
            f.attrs["count"] = 3
            f.attrs["ratio"] = 0.5
            f.attrs["small_ints"] = np.array([1, -2], dtype="i2")
            f.attrs["floats32"] = np.array([0.5, 0.25], dtype="f4")
            f.attrs["labels"] = ["x", "ÿ"]
            f.attrs["fixed"] = np.bytes_(b"ascii")
            f["matrix"].attrs["unit"] = "nats"
        """#
        let result = try runPython(script, [path])
        #expect(result.status == 0, "\(result.stderr)")

        let file = try H5File(path: path)
        #expect(try file.read("matrix", as: Float.self, rank: 2)
                == H5Array(shape: [3, 4], values: (0..<12).map { Float($0) / 8 }))
        #expect(try file.read("big_endian", as: Double.self).values == [1.5, -2.25, 1e300])
        #expect(try file.read("ints", as: Int64.self).values == [-5, 0, 1 << 62])
        #expect(try file.read("cube", as: UInt8.self) == H5Array(shape: [2, 2, 2], values: Array(0..<8)))
        #expect(try file.read("scalar", as: Double.self) == H5Array(shape: [], values: [2.5]))
        #expect(try file.read("nested/deeper/empty", as: Double.self, rank: 2) == H5Array(shape: [0, 3], values: []))
        #expect(try file.dataset("nested/deeper/empty").maxShape() == [nil, 3])
        #expect(try file.readString("text") == "Grüße 🙂")
        #expect(try file.dataset("names").readStrings() == ["a", "bé"])
        let int32 = try #require(throws: H5Error.self) { try file.read("int32s", as: Int64.self) }
        #expect(int32.description.hasSuffix("/int32s: cannot read int64: dataset holds int32"))

        #expect(try file.attribute("title", as: String.self) == "naïve")
        #expect(try file.attribute("count", as: Int.self) == 3)
        #expect(try file.attribute("ratio", as: Double.self) == 0.5)
        #expect(try file.attribute("small_ints") == .int64s([1, -2]))
        #expect(try file.attribute("floats32") == .doubles([0.5, 0.25]))
        #expect(try file.attribute("labels") == .strings(["x", "ÿ"]))
        #expect(try file.attribute("fixed") == .string("ascii"))
        #expect(try file.dataset("matrix").attribute("unit", as: String.self) == "nats")
        #expect(try file.members().map(\.name) == ["big_endian", "cube", "int32s", "ints", "matrix", "names",
                                                   "nested", "scalar", "text"])
    }
}
