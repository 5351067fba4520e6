import CNashKernels
import Foundation
import NashEngine
import Testing

@Suite struct ParallelTests {
    /// Every index runs exactly once, for thread counts below, at and above the index count.
    @Test(arguments: [1, 2, 3, 8])
    func everyIndexRunsOnce(threads: Int) {
        for count in [0, 1, 2, 5, 100, 10_000] {
            var hits = [Int](repeating: 0, count: count)
            hits.withUnsafeMutableBufferPointer { buffer in
                Parallel.withThreadCount(threads) {
                    Parallel.forEach(count) { i in buffer[i] += 1 }
                }
            }
            #expect(hits == [Int](repeating: 1, count: count))
        }
    }

    /// More indices than the pool's per-job chunk limit (2^16 - 1024): they are batched into chunks.
    @Test func hugeCountsAreBatched() {
        let count = 3_000_017
        var hits = [UInt8](repeating: 0, count: count)
        hits.withUnsafeMutableBufferPointer { buffer in
            Parallel.withThreadCount(2) { Parallel.forEach(count) { i in buffer[i] &+= 1 } }
        }
        #expect(hits.allSatisfy { $0 == 1 })
    }

    /// The benchmarks' core-to-core probe: a round trip of a few ns to a few µs on two CPUs, -1 on one,
    /// and the calling thread's CPU affinity as it was (Cpus_allowed_list of /proc/thread-self/status).
    @Test func coreRoundTripRestoresAffinity() throws {
        func allowed() throws -> String {
            let status = try String(contentsOfFile: "/proc/thread-self/status", encoding: .utf8)
            return try #require(status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") }
                .map { $0.dropFirst("Cpus_allowed_list:".count).trimmingCharacters(in: .whitespaces) })
        }
        let before = try allowed()
        let cpus = before.split(separator: ",").reduce(0) { n, range in
            let ends = range.split(separator: "-").compactMap { Int($0) }
            return n + (ends.count == 2 ? ends[1] - ends[0] + 1 : 1)
        }
        let trip = nash_core_round_trip_ns(2_000)
        #expect(try allowed() == before)
        if cpus >= 2 {
            #expect(trip > 1 && trip < 100_000, "round trip \(trip) ns")
        } else {
            #expect(trip == -1)
        }
    }

    @Test func nestedCallsRunInline() {
        var sums = [Int](repeating: 0, count: 16)
        sums.withUnsafeMutableBufferPointer { buffer in
            Parallel.withThreadCount(3) {
                Parallel.forEach(16) { i in
                    var local = 0
                    Parallel.forEach(100) { j in local += j }
                    buffer[i] = local + i
                }
            }
        }
        #expect(sums == (0..<16).map { 4950 + $0 })
    }

    /// Several tasks dispatch at once: one gets the pool, the others run inline; all finish right.
    @Test func concurrentCallersAllComplete() async {
        let results = await withTaskGroup(of: Bool.self) { group in
            for t in 0..<6 {
                group.addTask {
                    Parallel.withThreadCount(2) {
                        var out = [Int](repeating: -1, count: 5_000)
                        for _ in 0..<50 {
                            out.withUnsafeMutableBufferPointer { buffer in
                                Parallel.forEach(buffer.count) { i in buffer[i] = i * t }
                            }
                        }
                        return out == (0..<5_000).map { $0 * t }
                    }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == [Bool](repeating: true, count: 6))
    }

    /// The pool really runs work on a second thread (retried, since another test may hold the pool
    /// or the worker may be descheduled for a whole job).
    @Test func workersParticipate() {
        var sawWorker = false
        for _ in 0..<200 where !sawWorker {
            let lock = NSLock()
            var threads = Set<String>()
            Parallel.withThreadCount(2) {
                Parallel.forEach(64) { _ in
                    let me = "\(pthread_self())"
                    lock.withLock { _ = threads.insert(me) }
                    var x = 0.0
                    for i in 0..<20_000 { x += Double(i).squareRoot() }
                    precondition(x > 0)
                }
            }
            sawWorker = threads.count >= 2
        }
        #expect(sawWorker)
        #expect(Parallel.workerCount >= 1)
    }

    @Test func effectiveThreadCountIsScoped() {
        let global = Parallel.threadCount
        Parallel.withThreadCount(5) {
            #expect(Parallel.effectiveThreadCount == 5)
            Parallel.withThreadCount(2) { #expect(Parallel.effectiveThreadCount == 2) }
            #expect(Parallel.effectiveThreadCount == 5)
        }
        #expect(Parallel.threadCount == global)
    }
}
