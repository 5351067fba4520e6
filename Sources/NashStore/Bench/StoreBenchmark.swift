import Foundation

/// Timings behind the figures in Sources/NashStore/README.md, run by `nash-bench`.
public enum StoreBenchmark {
    /// Runs every store benchmark in a temporary directory and returns one printable line each.
    public static func report() throws -> [String] {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("nash-bench-store-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let cpuStart = processCPUSeconds()
        let append = try appendCurvePoints(100_000, path: directory.appendingPathComponent("append.h5").path)
        let appendCPU = processCPUSeconds() - cpuStart
        let run = try runFileCommits(path: directory.appendingPathComponent("run.h5").path)
        let swmr = try swmrFlushes(path: directory.appendingPathComponent("swmr.h5").path)
        return [
            String(format: "store: append 100000 curve points one record at a time: %.3f s wall, %.3f s CPU "
                   + "(%.2f µs/point)", append, appendCPU, append * 1e6 / 100_000),
            "store: RunFileWriter commit, 20 curves × 10000 points + 10 checkpoints of 0.8 MB: "
                + run.summary(publish: "image+write+fsync+rename"),
            "store: SWMR flush point, same workload (rejected): " + swmr.summary(publish: "fsync"),
        ]
    }

    /// CPU seconds this process has used (all threads), to read timings on a loaded machine.
    static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
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

    /// Per-flush-point costs: `flush` hands everything to the file layer (HDF5 compresses and writes the
    /// chunks), `publish` makes it durable and visible. Wall seconds per flush point, in order.
    public struct CommitTimes {
        public var flush: [Double] = []
        public var publish: [Double] = []
        /// CPU seconds of flush + publish (what remains of the wall time on a loaded machine).
        public var cpu: [Double] = []
        /// Bytes of the file after the last flush point.
        public var finalBytes = 0

        mutating func measure(flush: () throws -> Void, publish: () throws -> Void) rethrows {
            let cpuStart = processCPUSeconds()
            var start = DispatchTime.now()
            try flush()
            self.flush.append(seconds(since: start))
            start = DispatchTime.now()
            try publish()
            self.publish.append(seconds(since: start))
            cpu.append(processCPUSeconds() - cpuStart)
        }

        /// "flush 12.0 + publish 30.0 = 42.0 ms mean (CPU 10.0 ms), max 80.0 ms, file 8.2 MB".
        public func summary(publish name: String) -> String {
            func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(values.count, 1)) * 1e3 }
            let totals = zip(flush, publish).map { ($0 + $1) * 1e3 }
            return String(format: "flush %.1f + %@ %.1f = %.1f ms mean (CPU %.1f ms), max %.1f ms, file %.1f MB",
                          mean(flush), name, mean(publish), mean(flush) + mean(publish), mean(cpu),
                          totals.max() ?? 0, Double(finalBytes) / 1e6)
        }
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
        var times = CommitTimes()
        for point in 0..<points {
            try step.append(Int64(point * 10))
            for (index, curve) in series.enumerated() {
                try curve.append(curveValue(point: point, curve: index))
            }
            if (point + 1) % (points / commits) == 0 {
                let checkpoint = try file.createGroup("checkpoints/\(point + 1)")
                for part in ["generator/w", "discriminator/w", "optimizer/m", "optimizer/v"] {
                    try checkpoint.write(part, parameterValues(checkpointFloats / 4, &random))
                }
                // NB: commit() flushes by itself; flushing first only splits its time in two.
                try times.measure(flush: { try file.flush() }, publish: { try writer.commit() })
            }
        }
        try writer.discard()
        times.finalBytes = writer.committedBytes
        return times
    }

    /// A smooth, slightly noisy curve value, as training curves are (compressible, not constant).
    static func curveValue(point: Int, curve: Int) -> Double {
        sin(Double(point) * 0.01 + Double(curve)) + 0.01 * Double(point % 7)
    }

    /// Pseudo-random parameter values in [0, 1) from a 64-bit LCG (Knuth's MMIX constants): like trained
    /// weights, they barely compress.
    static func parameterValues(_ count: Int, _ state: inout UInt64) -> [Float] {
        (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(state >> 40) / Float(1 << 24)
        }
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
