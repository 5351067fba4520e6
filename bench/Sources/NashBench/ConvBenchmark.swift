import Foundation
import NashEngine

/// The convolutions of `dcgan28` one by one at its batch (64): each layer's forward map and the two
/// maps of its backward pass (the gradient in the input: the adjoint in x; in the weights: the
/// filter gradient), GFLOP/s from the shapes (2 · out_h · out_w · out_c · in_c · k² per image for
/// each map) and the fraction of one core's FMA peak per thread. `NASH_CONV_LAYER=<prefix>` keeps
/// the layers whose label starts with it (e.g. `NASH_CONV_LAYER="D Conv 64" nash-bench conv`, for a
/// profile of one layer).
enum ConvBenchmark: BenchmarkGroup {
    static let name = "conv"
    static let summary = "dcgan28's convolutions at batch 64: forward, input and weight gradients, GFLOP/s and fraction of peak"

    /// A layer as the network applies it: `transposed` layers are `convTranspose2d` (G), the others
    /// `conv2d` (D). `input` is one image [C, H, W]; `weights` the kernel's shape as the layer stores it.
    struct Layer {
        let label: String, input: [Int], weights: [Int], stride: Int, padding: Int, transposed: Bool
    }

    static let layers = [
        Layer(label: "G ConvT 100→128 k7 (1→7)", input: [100, 1, 1], weights: [100, 128, 7, 7], stride: 1, padding: 0, transposed: true),
        Layer(label: "G ConvT 128→64 k4 s2 (7→14)", input: [128, 7, 7], weights: [128, 64, 4, 4], stride: 2, padding: 1, transposed: true),
        Layer(label: "G ConvT 64→1 k4 s2 (14→28)", input: [64, 14, 14], weights: [64, 1, 4, 4], stride: 2, padding: 1, transposed: true),
        Layer(label: "D Conv 1→64 k4 s2 (28→14)", input: [1, 28, 28], weights: [64, 1, 4, 4], stride: 2, padding: 1, transposed: false),
        Layer(label: "D Conv 64→128 k4 s2 (14→7)", input: [64, 14, 14], weights: [128, 64, 4, 4], stride: 2, padding: 1, transposed: false),
    ]

    static let batch = 64

    static func run() {
        let peak = GemmBenchmark.bestPeak().gflops
        print("batch \(batch); of peak: GFLOP/s ÷ (threads × \(fixed(peak)) GFLOP/s)")
        let widths = [30, 8, 8, 10, 8, 10, 8, 10, 8]
        print(row(["layer", "threads", "fwd ms", "GFLOP/s", "peak", "∂x GFLOP/s", "peak", "∂w GFLOP/s", "peak"], widths: widths))
        for layer in layers where ProcessInfo.processInfo.environment["NASH_CONV_LAYER"].map({ layer.label.hasPrefix($0) }) ?? true {
            for threads in [1, 2] {
                let (forward, input, weights, flops) = time(layer, threads: threads)
                let cells = [layer.label, "\(threads)", fixed(forward * 1e3, 2)]
                    + [forward, input, weights].flatMap { t -> [String] in
                        let g = flops / t * 1e-9
                        return [fixed(g), fixed(100 * g / (Double(threads) * peak), 0) + "%"]
                    }
                print(row(cells, widths: widths))
            }
        }
    }

    /// The best times of the forward map and of the two gradient maps (each on its own: the
    /// gradient is taken of a stored forward result with a fixed seed), and the flops of one map.
    static func time(_ layer: Layer, threads: Int) -> (Double, Double, Double, Double) {
        let stream = RandomStream(seed: 3, name: "bench/conv").at(step: 0)
        let x = Tensor(shape: [batch] + layer.input, scalars: stream.normal(count: batch * layer.input.reduce(1, *)),
                       requiresGrad: true)
        let w = Tensor(shape: layer.weights, scalars: stream.normal(count: layer.weights.reduce(1, *)),
                       requiresGrad: true)
        let apply = { layer.transposed ? convTranspose2d(x, w, stride: layer.stride, padding: layer.padding)
                                       : conv2d(x, w, stride: layer.stride, padding: layer.padding) }
        let y = apply()
        let seed = Tensor(shape: y.shape, scalars: stream.normal(count: y.count))
        // Multiply-adds: the output of a convolution, or the input of a transposed one, times the
        // other side's channels (w.shape[1] in both layouts: [O, C, k, k] and [Cin, Cout, k, k])
        // and the kernel.
        let big = layer.transposed ? x.shape : y.shape
        let flops = 2.0 * Double(big.reduce(1, *) * w.shape[1] * w.shape[2] * w.shape[3])
        return Parallel.withThreadCount(threads) {
            let forward = Timing.measure(minRepeats: 5, minSeconds: 0.2) { _ = apply() }
            let input = Timing.measure(minRepeats: 5, minSeconds: 0.2) { _ = gradients(of: y, wrt: [x], seed: seed) }
            let weights = Timing.measure(minRepeats: 5, minSeconds: 0.2) { _ = gradients(of: y, wrt: [w], seed: seed) }
            return (forward.best, input.best, weights.best, flops)
        }
    }
}
