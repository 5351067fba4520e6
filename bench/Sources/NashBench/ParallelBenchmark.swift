import Dispatch
import NashEngine

/// The cost of handing work to the pool: a job of empty chunks, so the time is pure dispatch
/// (publish, wake or catch a spinning worker, claim, complete, wait).
enum ParallelBenchmark: BenchmarkGroup {
    static let name = "parallel"
    static let summary = "thread-pool dispatch latency (empty jobs), spinning and sleeping workers"

    static func run() {
        let widths = [34, 10, 10]
        print(row(["job", "best µs", "median µs"], widths: widths))
        for (label, threads, chunks) in [("inline (1 thread), 2 chunks", 1, 2), ("2 threads, 2 chunks", 2, 2),
                                         ("2 threads, 64 chunks", 2, 64), ("3 threads, 3 chunks", 3, 3)] {
            let timing = Parallel.withThreadCount(threads) {
                Timing.measure(minRepeats: 20_000, minSeconds: 0.2, cpu: false) { Parallel.forEach(chunks) { _ in } }
            }
            print(row([label, fixed(timing.best * 1e6, 2), fixed(timing.median * 1e6, 2)], widths: widths))
        }
        // Two chunks of 20 µs each: 20 µs when the worker takes one at once, 40 µs when the caller
        // ends up running both; the excess over 20 µs is the real cost of handing work over.
        let busy = Parallel.withThreadCount(2) {
            Timing.measure(minRepeats: 2_000, minSeconds: 0.2, cpu: false) {
                Parallel.forEach(2) { _ in
                    let t0 = Timing.now()
                    while Timing.now() - t0 < 20e-6 {}
                }
            }
        }
        print(row(["2 threads, 2 chunks of 20 µs", fixed(busy.best * 1e6, 2), fixed(busy.median * 1e6, 2)],
                  widths: widths))
        // The rejected alternative: libdispatch's concurrentPerform (its own worker pool).
        let dispatch = Timing.measure(minRepeats: 20_000, minSeconds: 0.2, cpu: false) {
            DispatchQueue.concurrentPerform(iterations: 2) { _ in }
        }
        print(row(["DispatchQueue.concurrentPerform(2)", fixed(dispatch.best * 1e6, 2), fixed(dispatch.median * 1e6, 2)],
                  widths: widths))
        // A worker that has gone to sleep (idle > 100 µs) must be woken by a system call.
        let timing = Parallel.withThreadCount(2) {
            Timing.measure(minRepeats: 50, minSeconds: 0.1, cpu: false) {
                let t0 = Timing.now()
                while Timing.now() - t0 < 300e-6 {}
                Parallel.forEach(2) { _ in }
            }
        }
        let wake = (timing.best - 300e-6, timing.median - 300e-6)
        print(row(["2 threads, after 300 µs idle", fixed(wake.0 * 1e6, 2), fixed(wake.1 * 1e6, 2)], widths: widths))
        // What every hand-over between two threads pays at least: one cache line there and back.
        print("core-to-core round trip of a cache line: \(fixed(coreRoundTrip(), 0)) ns "
              + "(60-90 ns: cores of one complex; ~350 ns: across complexes, see bench/README.md)")
    }
}
