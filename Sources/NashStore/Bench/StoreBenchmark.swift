import Foundation

/// Timings behind the figures in Sources/NashStore/README.md, run by `nash-bench`.
public enum StoreBenchmark {
    /// Runs every store benchmark in a temporary directory and returns one printable line each.
    public static func report() throws -> [String] {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("nash-bench-store-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let append = try appendCurvePoints(100_000, path: directory.appendingPathComponent("append.h5").path)
        let run = try runFileCommits(path: directory.appendingPathComponent("run.h5").path)
        let mean = run.commits.reduce(0, +) / Double(run.commits.count)
        return [
            String(format: "store: append 100000 curve points one record at a time: %.3f s (%.2f µs/point)",
                   append, append * 1e6 / 100_000),
            String(format: "store: run file commit (20 curves × 10000 points, 10 checkpoints of 0.8 MB): "
                   + "mean %.1f ms, last %.1f ms, max %.1f ms, file %.1f MB",
                   mean * 1e3, run.commits.last! * 1e3, run.commits.max()! * 1e3, Double(run.finalBytes) / 1e6),
        ]
    }

    /// Seconds to append `points` float64 curve points one record at a time (one `append` call each)
    /// to a compressed extendable dataset in a new file at `path`, including closing the file.
    public static func appendCurvePoints(_ points: Int = 100_000, path: String) throws -> Double {
        let start = DispatchTime.now()
        let file = try H5File(path: path, mode: .create)
        let curve = try file.createExtendableDataset("curves/loss/D", of: Double.self)
        for index in 0..<points {
            try curve.append(0.693 + 0.001 * sin(Double(index)))
        }
        try file.close()
        return seconds(since: start)
    }

    /// Per-commit cost of `RunFileWriter` for a run file of realistic size.
    public struct CommitTimes {
        /// Seconds of each commit, in order.
        public var commits: [Double]
        /// Bytes of the committed file after the last commit.
        public var finalBytes: Int
    }

    /// Simulates a run: `curves` float64 curves (plus `curves/step`) of `points` points each, appended
    /// one point at a time, and `commits` checkpoints spread evenly, each a group of float32 parameter
    /// and Adam-moment datasets totalling `checkpointFloats` values, followed by a commit.
    /// Defaults: 20 curves × 10 000 points, 10 checkpoints of 200 000 floats (0.8 MB) each.
    public static func runFileCommits(path: String, curves: Int = 20, points: Int = 10_000, commits: Int = 10,
                                      checkpointFloats: Int = 200_000) throws -> CommitTimes {
        let writer = try RunFileWriter(path: path, replacing: true)
        let file = writer.file
        try file.setAttribute("format", "nash-run")
        let step = try file.createExtendableDataset("curves/step", of: Int64.self)
        let series = try (0..<curves).map { try file.createExtendableDataset("curves/c\($0)", of: Double.self) }
        var random = UInt64(0x5EED)
        var times: [Double] = []
        for point in 0..<points {
            try step.append(Int64(point * 10))
            for (index, curve) in series.enumerated() {
                try curve.append(sin(Double(point) * 0.01 + Double(index)) + 0.01 * Double(point % 7))
            }
            if (point + 1) % (points / commits) == 0 {
                let checkpoint = try file.createGroup("checkpoints/\(point + 1)")
                for part in ["generator/w", "discriminator/w", "optimizer/m", "optimizer/v"] {
                    let values = (0..<checkpointFloats / 4).map { _ -> Float in
                        random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                        return Float(Int64(bitPattern: random >> 11) % 1_000_000) * 1e-6
                    }
                    try checkpoint.write(part, values)
                }
                let start = DispatchTime.now()
                try writer.commit()
                times.append(seconds(since: start))
            }
        }
        try writer.discard()
        return CommitTimes(commits: times, finalBytes: writer.committedBytes)
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
