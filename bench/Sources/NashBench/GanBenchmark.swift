import Foundation
import Nash
import NashEngine
import NashTraining

/// GAN training throughput: the five configurations of `GanConfiguration` trained with the library's
/// `Trainer` (the runner's round, without recording), each configuration and thread count in a fresh
/// child process so that its peak RSS is its own. Protocol: bench/README.md, "GAN training".
enum GanBenchmark: BenchmarkGroup {
    static let name = "gan"
    static let summary = "GAN training steps/s, GFLOP/s, fraction of peak, peak RSS (small … dcgan28), 1 and 2 threads"

    /// Set from the command line by main.swift.
    nonisolated(unsafe) static var options = Options()

    struct Options {
        var configs: [String] = GanConfiguration.all.map(\.name)
        /// Seconds of each timed repeat (the protocol: 20).
        var seconds = 20.0
        var repeats = 3
        var threads = [1, 2]
        /// Print one JSON object per line for each result (what bench/peers/run_all.py reads).
        var json = false
    }

    /// What a child reports for one configuration and thread count.
    struct Measurement: Codable {
        var config: String
        var threads: Int
        /// Median of the repeats.
        var steps_per_s: Double
        var repeats: [Double]
        /// Process CPU time ÷ wall time over the repeats (≈ threads when never descheduled).
        var cpu_per_wall: Double
        var peak_rss_mb: Double
        var steps: Int
        /// With two or more threads: the host's core-to-core round trip (ns) before each repeat and
        /// after the last (`coreRoundTrip()`), which tells a window on near cores from one on far ones.
        var core_round_trip_ns: [Double]? = nil
    }

    static func run() {
        let (peak, probe) = GemmBenchmark.bestPeak()
        print("single-core FMA peak: \(fixed(peak)) GFLOP/s (\(probe?.description ?? "no FMA on this CPU"), "
              + "the best this CPU offers); GEMM kernel \(Gemm.kernelName); \(options.repeats) repeats of "
              + "\(fixed(options.seconds, 0)) s per configuration and thread count, each in a fresh process")
        let widths = [9, 4, 10, 9, 8, 9, 9, 26]
        print(row(["config", "thr", "steps/s", "GFLOP/s", "of peak", "RSS MB", "cpu/wall", "repeats"], widths: widths))
        for name in options.configs {
            guard let config = GanConfiguration.named(name) else {
                print("unknown configuration \(name); known: \(GanConfiguration.all.map(\.name).joined(separator: ", "))")
                continue
            }
            for threads in options.threads {
                guard let m = measureInChild(config.name, threads: threads) else { continue }
                let gflops = m.steps_per_s * config.flopsPerStep * 1e-9
                let fraction = gflops / (peak * Double(threads))
                print(row([m.config, "\(threads)", fixed(m.steps_per_s, 2), fixed(gflops, 2),
                           fixed(100 * fraction) + "%", fixed(m.peak_rss_mb), fixed(m.cpu_per_wall, 2),
                           m.repeats.map { fixed($0, 2) }.joined(separator: " ")], widths: widths))
                if options.json {
                    print(#"{"config": "\#(m.config)", "framework": "nash", "threads": \#(threads), "#
                          + #""steps_per_s": \#(m.steps_per_s), "gflops": \#(gflops), "peak_fraction": \#(fraction), "#
                          + #""peak_rss_mb": \#(m.peak_rss_mb), "repeats": [\#(m.repeats.map { "\($0)" }.joined(separator: ", "))], "#
                          + #""cpu_per_wall": \#(m.cpu_per_wall), "flops_per_step": \#(config.flopsPerStep), "#
                          + #""fma_peak_gflops": \#(peak), "fma_peak_isa": "\#(probe.map { "\($0)" } ?? "none")", "#
                          + #""kernel": "\#(Gemm.kernelName)""#
                          + (m.core_round_trip_ns.map { #", "core_round_trip_ns": [\#($0.map { "\($0)" }.joined(separator: ", "))]"# } ?? "")
                          + "}")
                }
            }
        }
        print("one step = one G step and its D steps; GFLOP/s from the nominal FLOPs per step of bench/README.md;")
        print("of peak = GFLOP/s ÷ (threads × single-core FMA peak above); cpu/wall = process CPU time ÷ wall time")
    }

    /// Re-executes this program as `nash-bench --gan-child CONFIG THREADS SECONDS REPEATS` and decodes
    /// the JSON line it prints.
    static func measureInChild(_ config: String, threads: Int) -> Measurement? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                                    ?? CommandLine.arguments[0])
        process.arguments = ["--gan-child", config, "\(threads)", "\(options.seconds)", "\(options.repeats)"]
        let output = Pipe()
        process.standardOutput = output
        do { try process.run() } catch {
            print("\(config): cannot start the child process: \(error)")
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let m = try? JSONDecoder().decode(Measurement.self, from: data) else {
            print("\(config), \(threads) threads: the child failed (status \(process.terminationStatus))")
            return nil
        }
        return m
    }

    /// The child: builds the scenario, warms up (≥ 3 steps and ≥ min(max(2 s, seconds/10), 5 s)),
    /// then times `repeats` runs of ≥ `seconds` each and prints one `Measurement` as JSON.
    static func child(config name: String, threads: Int, seconds: Double, repeats: Int) throws {
        guard let config = GanConfiguration.named(name) else { throw RunnerError("unknown configuration \(name)") }
        let directory = FileManager.default.temporaryDirectory.path + "/nash-bench-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let scenario = try config.scenario(directory: directory)
        if let problem = scenario.validate().first { throw problem }
        let data = try RealData(scenario.data!, seed: 1, baseDirectory: directory)
        let trainer = try Trainer(scenario: scenario, seed: 1, data: data, totalRounds: 100_000_000)

        var round = 0, rates = [Double](), cpuRatios = [Double](), roundTrips = [Double]()
        var finite = true
        Parallel.withThreadCount(threads) {
            let warmUp = min(max(2, seconds / 10), 5)
            let t0 = Timing.now()
            while round < 3 || Timing.now() - t0 < warmUp {
                finite = finite && trainer.train(round: round).isFinite
                round += 1
            }
            for _ in 0..<repeats {
                if threads > 1 { roundTrips.append(coreRoundTrip()) }
                let (start, cpu0, first) = (Timing.now(), processCPU(), round)
                while Timing.now() - start < seconds {
                    finite = finite && trainer.train(round: round).isFinite
                    round += 1
                }
                let wall = Timing.now() - start
                rates.append(Double(round - first) / wall)
                cpuRatios.append((processCPU() - cpu0) / wall)
            }
            if threads > 1 { roundTrips.append(coreRoundTrip()) }
        }
        if !finite { FileHandle.standardError.write("\(name): training produced a non-finite number\n".data(using: .utf8)!) }
        let order = rates.indices.sorted { rates[$0] < rates[$1] }
        let median = order[order.count / 2]
        let m = Measurement(config: name, threads: threads, steps_per_s: rates[median], repeats: rates,
                            cpu_per_wall: cpuRatios[median], peak_rss_mb: peakRSS(), steps: round,
                            core_round_trip_ns: roundTrips.isEmpty ? nil : roundTrips)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        print(String(decoding: try encoder.encode(m), as: UTF8.self))
    }

    /// Trains `rounds` rounds of `name` on `threads` threads from the same start as `child` and prints
    /// the SHA-256 of both networks' parameters (Float32 bytes, G then D): an optimisation that keeps the
    /// numbers bit-identical keeps this digest (`nash-bench --gan-digest small 20 1`).
    static func digest(config name: String, rounds: Int, threads: Int) throws {
        guard let config = GanConfiguration.named(name) else { throw RunnerError("unknown configuration \(name)") }
        let directory = FileManager.default.temporaryDirectory.path + "/nash-bench-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let scenario = try config.scenario(directory: directory)
        let data = try RealData(scenario.data!, seed: 1, baseDirectory: directory)
        let trainer = try Trainer(scenario: scenario, seed: 1, data: data, totalRounds: 100_000_000)
        Parallel.withThreadCount(threads) {
            for round in 0..<rounds { _ = trainer.train(round: round) }
        }
        var hash = SHA256()
        for p in trainer.generatorParameters + trainer.discriminatorParameters {
            p.withUnsafeBufferPointer { hash.update(UnsafeRawBufferPointer($0)) }
        }
        print("\(name) after \(rounds) rounds on \(threads) threads: "
              + hash.hexDigest())
    }

    /// CPU seconds used by the whole process (all threads).
    static func processCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// Peak resident set size in MB (10⁶ bytes): VmHWM of /proc/self/status (NaN where there is none).
    static func peakRSS() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kB = Double(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "") else {
            return .nan
        }
        return kB * 1024 / 1e6
    }
}
