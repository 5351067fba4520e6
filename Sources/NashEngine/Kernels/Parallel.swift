import CNashKernels

/// Work splitting for the engine's kernels.
///
/// Contract: work is split over **outputs** only. A kernel hands `Parallel.forEach` a number of
/// independent output chunks; each chunk is computed entirely by one thread in a fixed order, so the
/// numbers never depend on `threadCount`.
///
/// The threads are a persistent pool (C, `parallel.c`): the caller runs chunks too, workers claim
/// chunks with one atomic add, spin for 2 ms after a job and then sleep. Dispatching a job to a
/// spinning worker costs about a microsecond (see bench/README.md), so a kernel should hand out
/// chunks of at least ~20 µs of work and run inline below that (`Gemm` does).
public enum Parallel {
    /// Number of threads kernels may use (1 = run inline), the caller included. Results do not
    /// depend on it. Set it once at start-up (the CLI's `--threads`); use `withThreadCount` to
    /// override it in a scope.
    public nonisolated(unsafe) static var threadCount: Int = 1

    @TaskLocal private static var scopedThreadCount: Int?

    /// The thread count in effect here: the innermost `withThreadCount` of the current task, else
    /// `threadCount`.
    public static var effectiveThreadCount: Int { max(1, scopedThreadCount ?? threadCount) }

    /// Runs `body` with `effectiveThreadCount == n` in the current task (and its child tasks)
    /// without touching the global `threadCount`, so concurrently running tests do not interfere.
    public static func withThreadCount<R>(_ n: Int, _ body: () throws -> R) rethrows -> R {
        precondition(n >= 1, "thread count must be at least 1")
        return try $scopedThreadCount.withValue(n, operation: body)
    }

    /// Runs `body(i)` for every i in 0..<count, possibly on several threads. `body` must only write
    /// outputs that belong to chunk i. Nested calls (from inside a body) and calls made while
    /// another thread's job occupies the pool run inline.
    public static func forEach(_ count: Int, _ body: (Int) -> Void) {
        let threads = min(effectiveThreadCount, count)
        if threads <= 1 {
            for i in 0..<count { body(i) }
            return
        }
        withoutActuallyEscaping(body) { escaping in
            var closure = escaping
            withUnsafeMutablePointer(to: &closure) { pointer in
                nash_parallel_for(Int32(threads), count, { context, index in
                    context!.assumingMemoryBound(to: ((Int) -> Void).self).pointee(index)
                }, pointer)
            }
        }
    }

    /// Persistent worker threads alive in the pool (it grows to `threadCount - 1` on demand).
    public static var workerCount: Int { Int(nash_parallel_worker_count()) }
}
