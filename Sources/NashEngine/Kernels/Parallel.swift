/// Work splitting for the engine's kernels.
///
/// Contract: work is split over **outputs** only. A kernel hands `Parallel.forEach` a number of
/// independent output chunks; each chunk is computed entirely by one thread in a fixed order, so the
/// numbers never depend on `threadCount`.
public enum Parallel {
    /// Number of worker threads kernels may use (1 = run inline). Results do not depend on it.
    public nonisolated(unsafe) static var threadCount: Int = 1

    /// Runs `body(i)` for every i in 0..<count, possibly on several threads. `body` must only write
    /// outputs that belong to chunk i.
    public static func forEach(_ count: Int, _ body: (Int) -> Void) {
        // Provisional: inline. The thread pool replaces this without changing the signature.
        for i in 0..<count { body(i) }
    }
}
