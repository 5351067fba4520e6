import Foundation
import NashStore
import NashTestSupport
import Testing

/// A run file as h5py and h5dump see it: every path of DESIGN.md §5, with its dtype and shape.
@Suite("Run file with h5py and h5dump")
struct RunFileInteropTests {
    /// Lists every dataset (dtype, shape, maxshape, compression), the root attributes with their
    /// Python types, and what a user does first: read the spec as str, iterate checkpoints by step.
    static let inventory = """
    import sys, json, h5py, numpy as np
    f = h5py.File(sys.argv[1], "r")
    datasets = {}
    def visit(name, obj):
        if isinstance(obj, h5py.Dataset):
            datasets["/" + name] = {"dtype": str(obj.dtype) if obj.dtype.kind != "O" else "str",
                                    "shape": list(obj.shape),
                                    "maxshape": [m if m is not None else -1 for m in obj.maxshape] if obj.shape else [],
                                    "compression": obj.compression}
    f.visititems(visit)
    attrs = {k: [type(v).__name__, v.item() if hasattr(v, "item") else v] for k, v in f.attrs.items()}
    spec = f["spec"].asstr()[()]
    out = {
        "datasets": datasets,
        "attrs": attrs,
        "spec_type": type(spec).__name__,
        "spec_name": json.loads(spec)["name"],
        "source": f["source"].asstr()[()],
        "diagnosis_kind": json.loads(f["diagnosis"].asstr()[()])[0]["kind"],
        "checkpoints": sorted(f["checkpoints"], key=int),
        "checkpoint_steps": [int(f["checkpoints"][k].attrs["step"]) for k in sorted(f["checkpoints"], key=int)],
        "loss_D_bits": f["curves/loss/D"][:3].view(np.int64).tolist(),
        "gradnorm_G_nan": bool(np.isnan(f["curves/gradnorm/G"][12])),
        "x_first": float(f["samples/x"][1, 0, 0]),
        "sample_name": f["samples/x"].attrs["name"],
    }
    print(json.dumps(out))
    """

    func completeRun(_ path: String) throws -> RunRecord {
        let run = SyntheticRun()
        let memory = RunRecord()
        try run.play(run.events, into: [memory, try RunFile.create(path: path)])
        return memory
    }

    @Test("h5py finds every path of DESIGN.md §5 with its dtype and shape, str attributes and a str spec")
    func h5py() throws {
        let scratch = Scratch()
        let path = scratch.path("seed-7.h5")
        let memory = try completeRun(path)
        let result = try runPython(Self.inventory, [path])
        try #require(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let datasets = try #require(json["datasets"] as? [String: [String: Any]])

        func expectDataset(_ path: String, _ dtype: String, _ shape: [Int], extendable: Bool,
                           sourceLocation: SourceLocation = #_sourceLocation) {
            guard let d = datasets[path] else {
                Issue.record("h5py finds no \(path)", sourceLocation: sourceLocation)
                return
            }
            #expect(d["dtype"] as? String == dtype, "\(path)", sourceLocation: sourceLocation)
            #expect(d["shape"] as? [Int] == shape, "\(path)", sourceLocation: sourceLocation)
            if extendable {
                #expect((d["maxshape"] as? [Int])?.first == -1, "\(path) is not extendable", sourceLocation: sourceLocation)
                #expect(d["compression"] as? String == "gzip", "\(path)", sourceLocation: sourceLocation)
            }
        }
        expectDataset("/spec", "str", [], extendable: false)
        expectDataset("/source", "str", [], extendable: false)
        expectDataset("/diagnosis", "str", [], extendable: false)
        expectDataset("/curves/step", "int64", [31], extendable: true)
        for name in SyntheticRun.curveNames { expectDataset("/curves/" + name, "float64", [31], extendable: true) }
        expectDataset("/evals/step", "int64", [7], extendable: true)
        for name in SyntheticRun.evalNames { expectDataset("/evals/" + name, "float64", [7], extendable: true) }
        expectDataset("/samples/step", "int64", [4], extendable: true)
        expectDataset("/samples/z", "float32", [16, 4], extendable: false)
        expectDataset("/samples/x", "float32", [4, 16, 2], extendable: true)
        expectDataset("/data/reference", "float32", [64, 2], extendable: false)
        expectDataset("/trajectory/step", "int64", [13], extendable: true)
        for (name, shape) in SyntheticRun.generatorShapes {
            expectDataset("/trajectory/generator/" + name, "float32", [13] + shape, extendable: true)
        }
        for (name, shape) in SyntheticRun.discriminatorShapes {
            expectDataset("/trajectory/discriminator/" + name, "float32", [13] + shape, extendable: true)
        }
        for step in [100, 200, 300] {
            for (name, shape) in SyntheticRun.generatorShapes {
                expectDataset("/checkpoints/\(step)/generator/" + name, "float32", shape, extendable: false)
                expectDataset("/checkpoints/\(step)/optimizer/generator/\(name)/m", "float32", shape, extendable: false)
            }
            for (name, shape) in SyntheticRun.discriminatorShapes {
                expectDataset("/checkpoints/\(step)/discriminator/" + name, "float32", shape, extendable: false)
            }
            expectDataset("/checkpoints/\(step)/optimizer/discriminator/steps", "float32", [1], extendable: false)
            expectDataset("/checkpoints/\(step)/optimizer/generator/t", "float32", [], extendable: false)
        }
        let expectedCount = 3 + (1 + 8) + (1 + 3) + 3 + 1 + (1 + 4 + 4) + 3 * (4 + 4 + 8 + 2)
        #expect(datasets.count == expectedCount, "\(datasets.keys.sorted())")

        let attrs = try #require(json["attrs"] as? [String: [Any]])
        for name in ["format", "scenario", "status", "spec_sha256", "digest_sha256", "nash_version",
                     "swift_version", "kernel", "created"] {
            #expect(attrs[name]?.first as? String == "str", "attribute \(name) is not str")
        }
        #expect(attrs["format"]?.last as? String == "nash-run")
        #expect(attrs["scenario"]?.last as? String == "ring8 — naïve σ")
        #expect(attrs["status"]?.last as? String == "complete")
        #expect(attrs["digest_sha256"]?.last as? String == memory.digest())
        #expect(attrs["format_version"]?.first as? String == "int64")
        #expect(attrs["format_version"]?.last as? Int == 1)
        #expect(attrs["seed"]?.last as? Int == 7)
        #expect(attrs["total_steps"]?.last as? Int == 300)
        #expect(attrs.count == 12)

        #expect(json["spec_type"] as? String == "str")
        #expect(json["spec_name"] as? String == "ring8")
        #expect(json["source"] as? String == SyntheticRun().header.source)
        #expect(json["diagnosis_kind"] as? String == "mode_collapse")
        #expect(json["checkpoints"] as? [String] == ["100", "200", "300"])
        #expect(json["checkpoint_steps"] as? [Int] == [100, 200, 300])
        #expect(json["loss_D_bits"] as? [Int] == [0, 10, 20].map { Int(Int64(bitPattern: (Double($0) * 0.001 - 0.3).bitPattern)) })
        #expect(json["gradnorm_G_nan"] as? Bool == true)
        #expect((json["x_first"] as? Double).map(Float.init) == memory.samples[1].values[0])
        #expect(json["sample_name"] as? String == "x")
    }

    @Test("h5dump -H lists the structure")
    func h5dump() throws {
        let scratch = Scratch()
        let path = scratch.path("seed-7.h5")
        _ = try completeRun(path)
        let dump = try runProgram("/usr/bin/h5dump", ["-H", path])
        #expect(dump.status == 0, "\(dump.stderr)")
        var rest = Substring(dump.stdout)
        // In h5dump's order (members by name), each fragment after the previous one.
        for fragment in [#"ATTRIBUTE "created""#, #"ATTRIBUTE "format""#, #"ATTRIBUTE "status""#,
                         #"GROUP "checkpoints""#, #"GROUP "100""#, #"ATTRIBUTE "step""#, #"GROUP "discriminator""#,
                         #"GROUP "generator""#, #"GROUP "dense0""#, #"DATASET "bias""#, "DATASPACE  SIMPLE { ( 8 ) / ( 8 ) }",
                         #"GROUP "optimizer""#, #"GROUP "200""#, #"GROUP "300""#,
                         #"GROUP "curves""#, #"GROUP "D""#, #"DATASET "accuracy""#, "H5T_IEEE_F64LE",
                         "DATASPACE  SIMPLE { ( 31 ) / ( H5S_UNLIMITED ) }",
                         #"GROUP "loss""#, #"DATASET "D""#, #"DATASET "step""#, "H5T_STD_I64LE",
                         #"GROUP "data""#, #"DATASET "reference""#, #"DATASET "diagnosis""#, "H5T_CSET_UTF8",
                         #"GROUP "evals""#, #"DATASET "reverse_kl""#,
                         #"GROUP "samples""#, #"DATASET "x""#, "DATASPACE  SIMPLE { ( 4, 16, 2 ) / ( H5S_UNLIMITED, 16, 2 ) }",
                         #"DATASET "z""#, #"DATASET "source""#, #"DATASET "spec""#,
                         #"GROUP "trajectory""#, #"GROUP "discriminator""#, #"GROUP "generator""#,
                         "DATASPACE  SIMPLE { ( 13, 4, 8 ) / ( H5S_UNLIMITED, 4, 8 ) }"] {
            guard let range = rest.range(of: fragment) else {
                Issue.record("h5dump -H output lacks \(fragment) (in order)")
                return
            }
            rest = rest[range.upperBound...]
        }
    }
}
