import Foundation
import Nash
import NashEngine
import NashStore

/// One configuration of the GAN benchmark (bench/README.md, "GAN training"): a Nash scenario built
/// with the DSL, and the nominal FLOPs of one step (one G step with its D steps), counted from the
/// layer shapes. bench/peers/torch_gan.py and jax_gan.py implement the same five configurations.
struct GanConfiguration {
    var name: String
    var summary: String
    /// D steps per G step.
    var discriminatorSteps: Int
    var gradientPenalty: Bool
    var batch: Int
    var latent: Int
    var generator: Network
    var discriminator: Network
    /// The real data; `images` are written to an HDF5 file first (see `dataset(in:)`).
    var data: DataKind

    enum DataKind { case ring, images(count: Int, shape: [Int]) }

    static let all: [GanConfiguration] = [small, smallGP, large, largeGP, dcgan28]

    static func named(_ name: String) -> GanConfiguration? { all.first { $0.name == name } }

    // MARK: The five configurations

    static let small = mlp(name: "small", width: 128, depth: 2, batch: 512, gp: false)
    static let smallGP = mlp(name: "small-gp", width: 128, depth: 2, batch: 512, gp: true)
    static let large = mlp(name: "large", width: 512, depth: 3, batch: 1024, gp: false)
    static let largeGP = mlp(name: "large-gp", width: 512, depth: 3, batch: 1024, gp: true)

    /// G 2 → width (ReLU) ×depth → 2 and D 2 → width (ReLU) ×depth → 1 on the ring of eight Gaussians.
    static func mlp(name: String, width: Int, depth: Int, batch: Int, gp: Bool) -> GanConfiguration {
        let hidden = Network { for _ in 0..<depth { Dense(width, .relu) } }.layers
        return GanConfiguration(
            name: name,
            summary: "MLP \(depth)×\(width), batch \(batch), " + (gp ? "Wasserstein + GP λ=10, 5 D steps" : "non-saturating"),
            discriminatorSteps: gp ? 5 : 1, gradientPenalty: gp, batch: batch, latent: 2,
            generator: Network(layers: hidden + Dense(2).layers),
            discriminator: Network(layers: hidden + Dense(1).layers), data: .ring)
    }

    /// DCGAN-style (Radford et al. 2015) for 28×28×1 images, batch 64, latent 100, non-saturating:
    /// G: z [100] → [100,1,1] → ConvT 128 k7 → BN, ReLU → ConvT 64 k4 s2 p1 → BN, ReLU → ConvT 1 k4 s2 p1 → tanh
    /// D: [1,28,28] → Conv 64 k4 s2 p1 → LeakyReLU 0.2 → Conv 128 k4 s2 p1 → BN, LeakyReLU 0.2 → Flatten → Dense 1
    static let dcgan28 = GanConfiguration(
        name: "dcgan28", summary: "DCGAN 28×28×1, batch 64, non-saturating",
        discriminatorSteps: 1, gradientPenalty: false, batch: 64, latent: 100,
        generator: Network {
            Reshape(100, 1, 1)
            ConvTranspose2D(128, kernel: 7); BatchNorm(); ReLU()
            ConvTranspose2D(64, kernel: 4, stride: 2, padding: 1); BatchNorm(); ReLU()
            ConvTranspose2D(1, kernel: 4, stride: 2, padding: 1, .tanh)
        },
        discriminator: Network {
            Conv2D(64, kernel: 4, stride: 2, padding: 1, .leakyReLU(slope: 0.2))
            Conv2D(128, kernel: 4, stride: 2, padding: 1); BatchNorm(); LeakyReLU(0.2)
            Flatten()
            Dense(1)
        },
        data: .images(count: 1024, shape: [1, 28, 28]))

    // MARK: The scenario

    /// The scenario trained by the benchmark; `directory` receives the image file of `dcgan28`.
    func scenario(directory: String) throws -> Scenario {
        let optimizer = Optimizer.adam(lr: 1e-4, beta1: 0.5, beta2: 0.999)
        let dataset = try self.dataset(in: directory)
        let config = self
        return Scenario("bench-" + name) {
            dataset
            Latent.normal(config.latent)
            Generator(config.generator)
            Discriminator(config.discriminator)
            config.gradientPenalty ? Loss.wasserstein : Loss.nonSaturating
            if config.gradientPenalty { Penalty.gradient(weight: 10) }
            // NB: a length far beyond any benchmark, so no schedule reaches its end.
            Train(steps: 100_000_000, batch: config.batch) {
                Update(.discriminator, times: config.discriminatorSteps, with: optimizer)
                Update(.generator, with: optimizer)
            }
        }
    }

    /// Eight Gaussians on a ring (radius 2, std 0.02); or, since Nash has no 28×28 image source,
    /// `count` fixed images of standard normal pixels (Philox stream `bench/images`, seed 1) in an
    /// HDF5 file under `directory`.
    func dataset(in directory: String) throws -> Dataset {
        switch data {
        case .ring:
            return .ring(modes: 8, radius: 2, std: 0.02)
        case .images(let count, let shape):
            let path = directory + "/bench-images.h5"
            let values = RandomStream(seed: 1, name: "bench/images").at(step: 0).normal(count: count * shape.reduce(1, *))
            let file = try H5File(path: path, mode: .create)
            try file.write("images", values, shape: [count] + shape)
            try file.close()
            return .file(path, dataset: "images", shape: shape)
        }
    }

    // MARK: FLOPs

    /// Multiply-adds per sample of one forward pass: Σ over dense layers of in·out, over convolutions
    /// of out_h·out_w·out_c·in_c·k², over transposed convolutions of in_h·in_w·in_c·out_c·k².
    /// Everything else (bias, activations, normalisation, losses, Adam) is not counted.
    static func multiplyAdds(_ network: Network, input: [Int]) -> Int {
        var shape = input, total = 0
        for layer in network.layers {
            let output = (try? layer.outputShape(input: shape)) ?? shape
            switch layer {
            case .dense(let units, _, _, _): total += shape.reduce(1, *) * units
            case .conv2D(_, let k, _, _, _, _, _): total += output.reduce(1, *) * shape[0] * k * k
            case .convTranspose2D(_, let k, _, _, _, _, _, _): total += shape.reduce(1, *) * output[0] * k * k
            default: break
            }
            shape = output
        }
        return total
    }

    /// Nominal FLOPs of one step, with P_G, P_D the multiply-adds per sample and B the batch:
    /// a forward pass costs 2·B·P, its backward 4·B·P (input and weight gradients).
    /// - D step: G forward for the fakes (2BP_G), D forward and backward on the real and the fake
    ///   batch (2 × 6BP_D); with the gradient penalty also D on the interpolates: forward 2BP_D, the
    ///   input gradient 2BP_D (one product per layer), and the backward of that gradient in D's
    ///   weights 4BP_D (two products per layer): 8BP_D.
    /// - G step: G forward and backward (6BP_G), D forward and backward to its input (6BP_D).
    /// One step = k D steps + one G step.
    var flopsPerStep: Double {
        let pg = Double(Self.multiplyAdds(generator, input: [latent]))
        let inputShape: [Int]
        switch data {
        case .ring: inputShape = [2]
        case .images(_, let shape): inputShape = shape
        }
        let pd = Double(Self.multiplyAdds(discriminator, input: inputShape))
        let b = Double(batch)
        let dStep = 2 * b * pg + 12 * b * pd + (gradientPenalty ? 8 * b * pd : 0)
        let gStep = 6 * b * pg + 6 * b * pd
        return Double(discriminatorSteps) * dStep + gStep
    }
}
