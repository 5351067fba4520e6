import CNashKernels
import NashEngine

/// Single-core FMA peak, and GEMM throughput on the shapes and the GAN MLP's shapes for 1
/// and 2 threads. Shapes are written m×n×k: C[m,n] += op(A)[m,k] · op(B)[k,n].
enum GemmBenchmark: BenchmarkGroup {
    static let name = "gemm"
    static let summary = "FMA peak of one core; GEMM GFLOP/s for 1 and 2 threads and fraction of peak"

    struct Shape {
        var label: String
        var m: Int, n: Int, k: Int
        var transA = false, transB = false
    }

    static let headline: [Shape] = [
        Shape(label: "square", m: 512, n: 512, k: 512),
        Shape(label: "batch x hidden", m: 512, n: 128, k: 128),
        Shape(label: "deep k", m: 128, n: 128, k: 512),
    ]

    /// One Dense(128) MLP on a batch of 512 points in 2-D: forward x·W, backward dY·Wᵀ and Xᵀ·dY.
    static let mlp: [Shape] = [
        Shape(label: "fwd 2->128", m: 512, n: 128, k: 2),
        Shape(label: "fwd 128->128", m: 512, n: 128, k: 128),
        Shape(label: "fwd 128->1", m: 512, n: 1, k: 128),
        Shape(label: "bwd dX=dY.W^T", m: 512, n: 128, k: 128, transB: true),
        Shape(label: "bwd dW=X^T.dY", m: 128, n: 128, k: 512, transA: true),
        Shape(label: "bwd dW 2x128", m: 2, n: 128, k: 512, transA: true),
        Shape(label: "bwd dX 128->1", m: 512, n: 128, k: 1, transB: true),
    ]

    /// The `large` configuration's hidden layers (Dense(512) on a batch of 1024): forward x·W, backward
    /// dY·Wᵀ and Xᵀ·dY; 89–91% of a `large` step is these three products.
    static let large: [Shape] = [
        Shape(label: "fwd 512->512", m: 1024, n: 512, k: 512),
        Shape(label: "bwd dX 512", m: 1024, n: 512, k: 512, transB: true),
        Shape(label: "bwd dW 512", m: 512, n: 512, k: 1024, transA: true),
    ]

    /// dcgan28's D Conv 64→128 (k4 s2, 14→7) on a group of 5 images (245 pixels, 1024-value patches):
    /// the forward product as `Conv.forward` runs it, w · cols, and the same product transposed,
    /// colsᵀ · wᵀ (pixel rows, NHWC).
    static let convolution: [Shape] = [
        Shape(label: "conv w.cols", m: 128, n: 245, k: 1024),
        Shape(label: "conv cols^T.w^T", m: 245, n: 128, k: 1024, transA: true, transB: true),
        Shape(label: "convT w^T.y", m: 1024, n: 245, k: 128, transA: true),
        Shape(label: "convT y^T.w", m: 245, n: 1024, k: 128, transA: true),
    ]

    static func run() {
        let kernel = Gemm.defaultKernel
        let peaks = Dictionary(uniqueKeysWithValues: Peak.allCases.map { ($0, measurePeak($0)) })
        for probe in Peak.allCases {
            let value = peaks[probe]!
            print("single-core FMA peak (\(probe.description)): "
                  + (value.isNaN ? "not available on this CPU" : "\(fixed(value)) GFLOP/s"))
        }
        let inUse = Peak(kernel)
        let peak = inUse.map { peaks[$0]! } ?? .nan
        if let inUse {
            print("GEMM kernel \(kernel.name): \"of peak\" below is of the \(inUse.width)-bit peak")
        } else {
            print("GEMM kernel portable: no FMA peak applies")
        }
        print("host concurrency: two threads do \(fixed(hostConcurrency(), 2))× one thread's work per unit of time "
              + "(2.00 = two free cores; bounds every speedup below)")
        let widths = [16, 14, 4, 9, 9, 9, 8, 9]
        print(row(["shape", "m×n×k", "thr", "GFLOP/s", "median", "cpu-time", "of peak", "speedup"], widths: widths))
        for shapes in [headline, mlp, large, convolution] {
            for shape in shapes {
                var single = 0.0
                for threads in [1, 2] {
                    let timing = time(shape, threads: threads)
                    let gflops = 2 * Double(shape.m * shape.n * shape.k) / timing.best * 1e-9
                    let median = 2 * Double(shape.m * shape.n * shape.k) / timing.median * 1e-9
                    let cpu = 2 * Double(shape.m * shape.n * shape.k) / timing.bestCPU * 1e-9
                    if threads == 1 { single = gflops }
                    let dims = "\(shape.m)×\(shape.n)×\(shape.k)" + (shape.transA ? "ᵀ" : "") + (shape.transB ? "ᵗ" : "")
                    print(row([shape.label, dims, "\(threads)", fixed(gflops), fixed(median),
                               threads == 1 ? fixed(cpu) : "",
                               peak.isNaN ? "-" : fixed(100 * gflops / (peak * Double(threads))) + "%",
                               threads == 1 ? "" : fixed(gflops / single, 2) + "×"], widths: widths))
                }
            }
            print("")
        }
        print("GFLOP/s: fastest of ≥ 20 runs by wall clock (median beside it); cpu-time: fastest by the")
        print("thread's CPU time (1 thread only); of peak = GFLOP/s ÷ (threads × single-core peak of the")
        print("kernel in use);")
        print("ᵀ: A transposed, ᵗ: B transposed")
    }

    /// An FMA peak probe: as many independent chains of FMAs as the micro-kernel of that width keeps.
    enum Peak: CaseIterable {
        case avx2, avx512

        /// The probe of a kernel's instruction set (nil for the portable kernel).
        init?(_ kernel: Gemm.Kernel) {
            switch kernel.resolved {
            case .avx512: self = .avx512
            case .avx2FMA: self = .avx2
            case .portable: return nil
            }
        }

        var width: Int { self == .avx2 ? 256 : 512 }
        var description: String {
            self == .avx2 ? "12 chains of 8-wide AVX2 FMA" : "24 chains of 16-wide AVX-512 FMA"
        }
        /// Flops per iteration of the probe.
        var flops: Double { self == .avx2 ? 192 : 768 }
        func probe(_ iterations: Int) -> Double {
            self == .avx2 ? nash_fma_peak_probe(iterations) : nash_fma512_peak_probe(iterations)
        }
    }

    /// GFLOP/s of one FMA peak probe (`nash_fma_peak_probe`: 192 flops per iteration, or
    /// `nash_fma512_peak_probe`: 768), ~1 ms per run; the better of the wall-clock and the CPU-time
    /// figure. NaN when the CPU lacks the instructions.
    static func measurePeak(_ peak: Peak) -> Double {
        if peak.probe(1).isNaN { return .nan }
        let iterations = peak == .avx2 ? 1 << 19 : 1 << 17
        var sink = 0.0
        let timing = Timing.measure(minRepeats: 100) { sink += peak.probe(iterations) }
        precondition(sink.isFinite)
        return peak.flops * Double(iterations) / min(timing.best, timing.bestCPU) * 1e-9
    }

    /// The highest FMA peak this CPU offers (AVX-512 where it has it, else AVX2) and which probe
    /// gave it; NaN and nil without AVX2/FMA.
    static func bestPeak() -> (gflops: Double, peak: Peak?) {
        for peak in [Peak.avx512, .avx2] {
            let value = measurePeak(peak)
            if !value.isNaN { return (value, peak) }
        }
        return (.nan, nil)
    }

    static func time(_ shape: Shape, threads: Int) -> Timing {
        let a = operand(shape.m * shape.k, seed: 1), b = operand(shape.k * shape.n, seed: 2)
        var c = [Float](repeating: 0, count: shape.m * shape.n)
        return Parallel.withThreadCount(threads) {
            c.withUnsafeMutableBufferPointer { cp in
                Timing.measure {
                    Gemm.multiply(transA: shape.transA, transB: shape.transB, m: shape.m, n: shape.n, k: shape.k,
                                  a: a, lda: shape.transA ? shape.m : shape.k,
                                  b: b, ldb: shape.transB ? shape.k : shape.n,
                                  c: cp.baseAddress!, ldc: shape.n)
                }
            }
        }
    }

    static func operand(_ count: Int, seed: UInt64) -> [Float] {
        RandomStream(seed: seed, name: "bench/gemm").at(step: 0).uniform(count: count).map { 2 * $0 - 1 }
    }
}
