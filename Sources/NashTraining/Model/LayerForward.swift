import Nash
import NashEngine

/// The forward map of every `Layer` case, in engine operations (so every gradient, and every
/// gradient of a gradient, follows from the engine's rules). Each case implements exactly the map
/// stated on the `Layer` case; the batch axis comes first.
enum LayerForward {
    /// `layer` applied to the batch `x` (`[B] + input`) with the layer's own `parameters`, in the
    /// order of `Layer.parameters(input:index:)`.
    static func apply(_ layer: Layer, _ x: Tensor, _ parameters: [Tensor], input: [Int]) -> Tensor {
        let batch = x.shape[0]
        switch layer {
        case .dense(_, let bias, _, _):
            // x [B, in] · W [in, units] (+ b [units], added in the GEMM's epilogue: the bits of matmul + b)
            return bias ? linear(x, parameters[0], parameters[1]) : matmul(x, parameters[0])
        case .activation(let function):
            return activate(function, x)
        case .scale(let factor):
            return x * Float(factor)
        case .constant(let units, _):
            // θ [units] repeated for every row; x is ignored (Dirac-GAN's generator).
            return parameters[0].reshaped(to: [1, units]).broadcast(to: [batch, units])
        case .layerNorm(let epsilon, let affine):
            // Per sample over all its coordinates: [B, n].
            let flat = x.reshaped(to: [batch, -1])
            let centered = flat - flat.mean(axes: [1], keepDims: true)
            let variance = (centered * centered).mean(axes: [1], keepDims: true)
            let y = (centered / (variance + Float(epsilon)).sqrt()).reshaped(to: x.shape)
            guard affine else { return y }
            return y * parameters[0].reshaped(to: [1] + input) + parameters[1].reshaped(to: [1] + input)
        case .batchNorm(let epsilon, let affine):
            // Per channel of an image (over batch, height, width), per feature otherwise (over the batch).
            let image = input.count == 3
            let axes = image ? [0, 2, 3] : [0]
            let centered = x - x.mean(axes: axes, keepDims: true)
            let variance = (centered * centered).mean(axes: axes, keepDims: true)
            let y = centered / (variance + Float(epsilon)).sqrt()
            guard affine else { return y }
            let shape = image ? [1, input[0], 1, 1] : [1] + input
            return y * parameters[0].reshaped(to: shape) + parameters[1].reshaped(to: shape)
        case .conv2D(let filters, _, let stride, let padding, let bias, _, _):
            let y = conv2d(x, parameters[0], stride: stride, padding: padding)
            return bias ? y + parameters[1].reshaped(to: [1, filters, 1, 1]) : y
        case .convTranspose2D(let filters, _, let stride, let padding, let outputPadding, let bias, _, _):
            let y = convTranspose2d(x, parameters[0], stride: stride, padding: padding, outputPadding: outputPadding)
            return bias ? y + parameters[1].reshaped(to: [1, filters, 1, 1]) : y
        case .reshape(let shape):
            return x.reshaped(to: [batch] + shape)
        case .flatten:
            return x.reshaped(to: [batch, input.reduce(1, *)])
        }
    }

    /// The elementwise nonlinearities of `Activation`.
    static func activate(_ function: Activation, _ x: Tensor) -> Tensor {
        switch function {
        case .relu: return x.relu()
        case .leakyReLU(let slope): return x.leakyRelu(Float(slope))
        case .tanh: return x.tanh()
        case .sigmoid: return x.sigmoid()
        case .elu(let alpha): return x.elu(Float(alpha))
        case .softplus: return x.softplus()
        }
    }
}
