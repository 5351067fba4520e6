import NashEngine

/// Philox fills at the sizes a GAN step draws (a latent batch of 512 × 256) and larger.
enum RandomBenchmark: BenchmarkGroup {
    static let name = "random"
    static let summary = "Philox4x32-10 fills: uniform, normal, Bernoulli, integers (draws per second)"

    static func run() {
        let widths = [30, 8, 4, 10, 11]
        print(row(["fill", "count", "thr", "best µs", "Mdraws/s"], widths: widths))
        let draws = RandomStream(seed: 1, name: "bench/random").at(step: 0)
        let count = 512 * 256
        var floats = [Float](repeating: 0, count: count)
        var ints = [Int](repeating: 0, count: count)
        for threads in [1, 2] {
            let cases: [(String, () -> Void)] = [
                ("uniform", { floats.withUnsafeMutableBufferPointer { draws.uniform(into: $0) } }),
                ("normal (Box–Muller)", { floats.withUnsafeMutableBufferPointer { draws.normal(into: $0) } }),
                ("bernoulli p=0.5", { floats.withUnsafeMutableBufferPointer { draws.bernoulli(into: $0, p: 0.5) } }),
                ("integers below 1000", { ints.withUnsafeMutableBufferPointer { draws.integers(into: $0, below: 1000) } }),
            ]
            for (label, body) in cases {
                let timing = Parallel.withThreadCount(threads) { Timing.measure(body) }
                print(row([label, "\(count)", "\(threads)", fixed(timing.best * 1e6),
                           fixed(Double(count) / timing.best * 1e-6)], widths: widths))
            }
        }
        let timing = Timing.measure(minRepeats: 5) { _ = draws.permutation(60_000) }
        print(row(["permutation", "60000", "1", fixed(timing.best * 1e6), fixed(60_000 / timing.best * 1e-6)],
                  widths: widths))
    }
}
