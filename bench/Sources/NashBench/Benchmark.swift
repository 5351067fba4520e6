import CNashKernels
import Dispatch
import Foundation
import NashEngine

/// A group of related measurements, selected by name on the command line.
protocol BenchmarkGroup {
    static var name: String { get }
    static var summary: String { get }
    static func run()
}

/// Timing protocol: run `body` until both `minRepeats` runs and `minSeconds` have passed (after one
/// warm-up run) and report the fastest and the median run in wall-clock time, and the fastest in
/// the calling thread's CPU time. The fastest run estimates the machine undisturbed: this host is
/// shared, and a run that was descheduled is only ever slower. CPU time excludes the time the
/// thread was descheduled, so on a loaded host it is the better single-thread figure.
struct Timing {
    var best: Double
    var median: Double
    var bestCPU: Double
    var runs: Int

    static func measure(minRepeats: Int = 20, minSeconds: Double = 0.3, cpu: Bool = true,
                        _ body: () -> Void) -> Timing {
        body()
        var times: [Double] = [], cpuTimes: [Double] = []
        let start = now()
        while times.count < minRepeats || now() - start < minSeconds {
            let c0 = cpu ? threadCPU() : 0
            let t0 = now()
            body()
            times.append(now() - t0)
            if cpu { cpuTimes.append(threadCPU() - c0) }
        }
        times.sort()
        return Timing(best: times[0], median: times[times.count / 2], bestCPU: cpuTimes.min() ?? .nan,
                      runs: times.count)
    }

    /// CPU seconds used by the calling thread.
    static func threadCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// Monotonic seconds.
    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}

/// CPU model, core count, load average and the kernel in use: the context every figure needs.
func machineSummary() -> String {
    var model = "unknown CPU"
    if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
       let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
       let colon = line.firstIndex(of: ":") {
        model = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    var load = [Double](repeating: 0, count: 3)
    let loads = getloadavg(&load, 3) == 3 ? load.map { String(format: "%.2f", $0) }.joined(separator: " ") : "?"
    return "machine: \(model), \(ProcessInfo.processInfo.activeProcessorCount) cores, load average \(loads); "
        + "GEMM kernel \(Gemm.kernelName) (arithmetic \(Gemm.arithmetic.rawValue))"
}

/// Right-aligned fixed-width text cells.
func row(_ cells: [String], widths: [Int]) -> String {
    zip(cells, widths).map { cell, width in
        String(repeating: " ", count: max(0, width - cell.count)) + cell
    }.joined(separator: " ")
}

func fixed(_ x: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", x) }

/// How many CPUs this process really gets at once: the same CPU-bound loop (the FMA probe, ~2 ms
/// undisturbed) run on the calling thread alone, then on it and one more plain thread (independent
/// of our pool); returns 2 · t(one) / t(two) from the fastest of 10 runs of each: 2.0 when two
/// cores are free, 1.0 when the threads take turns.
func hostConcurrency() -> Double {
    @Sendable func work() { precondition(!nash_fma_peak_probe(1 << 18).isInfinite) }
    var (bestOne, bestTwo) = (Double.infinity, Double.infinity)
    for _ in 0..<10 {
        let t0 = Timing.now()
        work()
        let one = Timing.now() - t0
        let finished = DispatchSemaphore(value: 0)
        let t1 = Timing.now()
        Thread {
            work()
            finished.signal()
        }.start()
        work()
        finished.wait()
        let two = Timing.now() - t1
        (bestOne, bestTwo) = (min(bestOne, one), min(bestTwo, two))
    }
    return 2 * bestOne / bestTwo
}

/// The host's core-to-core latency now: the median of 5 measurements of 20 000 cache-line round
/// trips between this thread and a spinning one (`nash_core_round_trip_ns`), in ns. On the 2-vCPU
/// benchmark host it is bimodal, 60-90 ns or ~350 ns, as the hypervisor moves the vCPUs between core
/// complexes; two-thread speeds follow it (bench/README.md, "Two threads").
func coreRoundTrip() -> Double {
    let samples = (0..<5).map { _ in nash_core_round_trip_ns(20_000) }.sorted()
    return samples[2]
}
