import Foundation
import Testing

/// End-to-end: the real `nash` binary compiles a real scenario file, trains it and writes a run file
/// that h5py reads; the determinism contract of DESIGN.md §6 holds across runs, threads and kill -9.
@Suite(.serialized)
struct RunCommandTests {
    @Test func runWritesTheRunFileLayoutAndSecondRunIsACacheHit() throws {
        let cli = try CLI()
        let file = try cli.fixture("Tiny.swift")
        let first = try cli.run(["run", file])
        #expect(first.status == 0, "\(first.stderr)")
        let files = cli.runFiles()
        try #require(files.count == 1)
        #expect(files[0].contains("results/tiny/") && files[0].hasSuffix("/seed-1.h5"))

        let layout = try cli.python("""
        import h5py, sys
        f = h5py.File(sys.argv[1], 'r')
        a = f.attrs
        assert a['format'] == 'nash-run' and isinstance(a['format'], str), a['format']
        assert a['status'] == 'complete', a['status']
        assert a['scenario'] == 'tiny'
        assert len(a['digest_sha256']) == 64 and len(a['spec_sha256']) == 64
        for key in ['nash_version', 'swift_version', 'kernel', 'created']: assert isinstance(a[key], str), key
        spec = f['spec'][()]; spec = spec.decode() if isinstance(spec, bytes) else spec
        assert '"tiny"' in spec
        steps = f['curves/step'][:]
        assert steps.dtype == 'int64' and len(steps) >= 4, steps
        for c in ['loss/D', 'loss/G', 'D/real', 'D/fake', 'D/accuracy', 'gradnorm/D', 'gradnorm/G']:
            d = f['curves/' + c]; assert d.dtype == 'float64' and d.shape == steps.shape, c
        for c in ['modes', 'high_quality', 'reverse_kl']: assert f['evals/' + c].shape == f['evals/step'].shape, c
        assert f['samples/z'].dtype == 'float32' and f['samples/z'].shape == (64, 2), f['samples/z'].shape
        x = f['samples/x']; assert x.shape[1:] == (64, 2) and x.shape[0] == len(f['samples/step'])
        assert f['data/reference'].dtype == 'float32'
        ck = sorted(f['checkpoints'], key=int)
        assert [int(k) for k in ck][-1] == 40, ck
        assert 'generator' in f['checkpoints'][ck[-1]] and 'discriminator' in f['checkpoints'][ck[-1]]
        assert 'diagnosis' in f
        print('ok')
        """, [files[0]])
        #expect(layout.stdout.contains("ok"), "\(layout.stderr)")

        let second = try cli.run(["run", file])
        #expect(second.status == 0)
        #expect(second.stdout.contains("cached: "))
    }

    @Test func sameDigestAcrossRunsAndThreadCountsDifferentAcrossSeeds() throws {
        let cli = try CLI()
        let file = try cli.fixture("Tiny.swift")
        #expect(try cli.run(["run", file, "--threads", "1", "--out", "a"]).status == 0)
        #expect(try cli.run(["run", file, "--threads", "2", "--out", "b"]).status == 0)
        #expect(try cli.run(["run", file, "--seed", "2", "--out", "c"]).status == 0)
        func only(_ dir: String) throws -> String {
            let root = cli.directory.appendingPathComponent(dir)
            let found = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".h5") } ?? []
            return root.appendingPathComponent(try #require(found.first)).path
        }
        let a = try cli.digest(only("a")), b = try cli.digest(only("b")), c = try cli.digest(only("c"))
        #expect(a.count == 64)
        #expect(a == b)
        #expect(a != c)
    }

    /// `--jobs 2` trains the seeds in two child processes; each file equals the one a sequential run makes.
    @Test func parallelJobsGiveTheSequentialDigests() throws {
        let cli = try CLI()
        let file = try cli.fixture("Tiny.swift")
        let sequential = try cli.run(["run", file, "--seeds", "1,2,3", "--steps", "20", "--out", "seq"])
        #expect(sequential.status == 0, "\(sequential.stderr)")
        let parallel = try cli.run(["run", file, "--seeds", "1,2,3", "--steps", "20", "--out", "par", "--jobs", "2"])
        #expect(parallel.status == 0, "\(parallel.stderr)")
        #expect(parallel.stdout.contains("training 3 runs, 2 at a time"))
        for seed in 1...3 {
            #expect(parallel.stdout.contains("complete: tiny seed \(seed)"))
            func path(_ dir: String) throws -> String {
                let root = cli.directory.appendingPathComponent(dir)
                let found = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String }
                    .filter { $0.hasSuffix("seed-\(seed).h5") } ?? []
                return root.appendingPathComponent(try #require(found.first)).path
            }
            let a = try cli.digest(path("seq")), b = try cli.digest(path("par"))
            #expect(a.count == 64)
            #expect(a == b, "seed \(seed)")
        }
        // The summary table lists every run once.
        #expect(parallel.stdout.components(separatedBy: "tiny seed ").count - 1 == 3 + 3)
    }

    @Test func replayVerifySaysIdentical() throws {
        let cli = try CLI()
        let file = try cli.fixture("Tiny.swift")
        #expect(try cli.run(["run", file]).status == 0)
        let path = try #require(cli.runFiles().first)
        let replay = try cli.run(["replay", path, "--verify"])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout.contains("identical"))
    }

    /// A run recorded with the AVX2 kernel replays bit for bit, and without a note, on the AVX-512
    /// kernel (one arithmetic, "avx2-fma"; where the CPU lacks AVX-512 the request falls back to
    /// AVX2); the portable kernel is another arithmetic, so replaying with it prints the note.
    @Test func replayOnTheOtherFastKernelIsSilentAndIdentical() throws {
        let cli = try CLI()
        let file = try cli.fixture("Tiny.swift")
        #expect(try cli.run(["run", file], extraEnvironment: ["NASH_KERNEL": "avx2"]).status == 0)
        let path = try #require(cli.runFiles().first)
        let shown = try cli.run(["show", path])
        guard shown.stdout.contains("avx2-fma") else { return }  // a CPU without AVX2/FMA: nothing to compare
        let replay = try cli.run(["replay", path, "--verify"], extraEnvironment: ["NASH_KERNEL": "avx512"])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout.contains("identical") && !replay.stdout.contains("note:"), "\(replay.stdout)")
        let portable = try cli.run(["replay", path], extraEnvironment: ["NASH_KERNEL": "portable"])
        #expect(portable.status == 0, "\(portable.stderr)")
        #expect(portable.stdout.contains("note: recorded with kernel avx2-fma, replaying with portable"), "\(portable.stdout)")
    }

    /// A run recorded by nash 0.1.0, whose batch reductions were not k-blocked, replays with a note.
    @Test func replayOfARunFromAnEarlierArithmeticSaysSo() throws {
        let cli = try CLI()
        let file = try cli.fixture("Tiny.swift")
        #expect(try cli.run(["run", file]).status == 0)
        let path = try #require(cli.runFiles().first)
        let edit = try cli.python("import h5py,sys; f=h5py.File(sys.argv[1],'r+'); f.attrs['nash_version']='0.1.0'; f.close()", [path])
        #expect(edit.status == 0, "\(edit.stderr)")
        let replay = try cli.run(["replay", path])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout.contains("note: recorded by nash 0.1.0, which summed reductions over batches"), "\(replay.stdout)")
    }

    @Test func killedRunResumesToTheUninterruptedDigest() throws {
        let cli = try CLI()
        let file = try cli.fixture("Tiny.swift")
        let settings = ["--set", "steps=4000", "--set", "checkpoint=200"]
        #expect(try cli.run(["run", file] + settings + ["--out", "whole"]).status == 0)
        let wholeRoot = cli.directory.appendingPathComponent("whole").path
        let whole = try #require(FileManager.default.enumerator(atPath: wholeRoot)?.compactMap { $0 as? String }.first { $0.hasSuffix(".h5") })
        let expected = try cli.digest("\(wholeRoot)/\(whole)")

        let (process, _, _) = try cli.start(["run", file] + settings)
        // Wait until the committed run file holds two checkpoints (of 20), then kill -9.
        let deadline = Date().addingTimeInterval(120)
        var checkpoints = 0
        while checkpoints < 2 && process.isRunning && Date() < deadline {
            usleep(20_000)
            guard let path = cli.runFiles().first else { continue }
            let count = try cli.python("import h5py,sys; f=h5py.File(sys.argv[1],'r'); print(len(f['checkpoints']) if 'checkpoints' in f else 0)", [path])
            checkpoints = Int(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        }
        process.kill(SIGKILL)
        process.wait()
        #expect(checkpoints >= 2, "the run ended or stalled before its second checkpoint")
        let path = try #require(cli.runFiles().first)
        let status = try cli.python("import h5py,sys; f=h5py.File(sys.argv[1],'r'); print(f.attrs['status'], len(f['checkpoints']))", [path])
        let fields = status.stdout.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(fields.first == "running", "killed before the end: \(status.stdout) \(status.stderr)")
        #expect((Int(fields.last ?? "") ?? 0) < 20, "the killed file holds every checkpoint: \(status.stdout)")

        let resumed = try cli.run(["resume", path])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try cli.digest(path) == expected)
    }
}
