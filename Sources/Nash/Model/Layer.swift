/// One layer of a network, as data. Shapes leave out the batch axis; images are channels first,
/// `[c, h, w]`. Each case states its map, its parameters (named `<kind><index>/<parameter>`, see
/// `Network.parameters(input:)`) and their layout.
public enum Layer: Codable, Hashable, Sendable {
    /// y = x·W + b for x of shape `[in]`: W `[in, units]` (`weight`, kind `.weight`), b `[units]`
    /// (`bias`, only when `bias` is true). No activation: the DSL's `Dense(n, .relu)` is this layer
    /// followed by `.activation`.
    case dense(units: Int, bias: Bool, weightInit: Initializer, biasInit: Initializer)
    /// y = f(x) elementwise.
    case activation(function: Activation)
    /// y = c·x, no parameters (DESIGN.md's ring sketch scales D's input by 1/4).
    case scale(factor: Double)
    /// y = θ for every batch row, ignoring x; θ `[units]` (`value`, kind `.constant`). A generator
    /// made of this alone is the Dirac-GAN generator of Mescheder et al. 2018 (arXiv:1801.04406).
    case constant(units: Int, initializer: Initializer)
    /// Layer normalisation (Ba et al. 2016, arXiv:1607.06450): per sample, over all its coordinates,
    /// y = (x − mean) / √(var + ε), var the biased variance; then γ ⊙ y + β if `affine`, with γ, β of
    /// the input's shape (`scale` initialised to 1, `offset` to 0).
    case layerNorm(epsilon: Double, affine: Bool)
    /// Batch normalisation (Ioffe & Szegedy 2015, arXiv:1502.03167) with the current batch's
    /// statistics, always (training mode, also when sampling): per feature of a vector, per channel
    /// of an image (over batch, height and width), y = (x − mean) / √(var + ε), var biased; then
    /// γ·y + β per feature/channel if `affine` (`scale` = 1, `offset` = 0 initially). No running averages.
    case batchNorm(epsilon: Double, affine: Bool)
    /// 2-D cross-correlation over `[c, h, w]` with square kernels, zero padding `padding` on every
    /// side: output `[filters, h', w']`, h' = ⌊(h + 2p − k)/s⌋ + 1. Kernel `[filters, c, k, k]`
    /// (`weight`), bias `[filters]`. fan_in = c·k², fan_out = filters·k².
    case conv2D(filters: Int, kernel: Int, stride: Int, padding: Int, bias: Bool,
                weightInit: Initializer, biasInit: Initializer)
    /// The transpose (gradient) of `conv2D`: output `[filters, h', w']`, h' = (h − 1)·s − 2p + k + outputPadding.
    /// Kernel `[c, filters, k, k]` (`weight`), bias `[filters]`. fan_in = filters·k², fan_out = c·k²
    /// (computed from the kernel layout as PyTorch and Keras do).
    case convTranspose2D(filters: Int, kernel: Int, stride: Int, padding: Int, outputPadding: Int, bias: Bool,
                         weightInit: Initializer, biasInit: Initializer)
    /// Reinterprets the values (row-major) under a new per-sample shape with the same element count.
    case reshape(shape: [Int])
    /// Reshape to a vector `[product of the input shape]`.
    case flatten

    /// A short name for messages and parameter paths.
    public var kindName: String {
        switch self {
        case .dense: return "dense"
        case .activation(let function): return function.name
        case .scale: return "scale"
        case .constant: return "constant"
        case .layerNorm: return "layer_norm"
        case .batchNorm: return "batch_norm"
        case .conv2D: return "conv2d"
        case .convTranspose2D: return "conv_transpose2d"
        case .reshape: return "reshape"
        case .flatten: return "flatten"
        }
    }

    /// True for the layers that need image input `[c, h, w]`.
    public var isImageLayer: Bool {
        switch self {
        case .conv2D, .convTranspose2D: return true
        default: return false
        }
    }
}

/// What a parameter is, for the parts of training that treat kinds differently: the L2 weight
/// penalty and spectral normalisation act on `.weight` tensors only; weight clipping acts on all.
public enum ParameterKind: String, Codable, Hashable, Sendable {
    case weight, bias, scale, offset, constant
}

/// One learnable tensor of a network, as the runner must create it.
public struct ParameterSpec: Hashable, Sendable {
    /// `<layer kind><layer index>/<parameter>`, e.g. `dense0/weight`, `batch_norm3/offset`; used
    /// unchanged under `/checkpoints/<step>/generator/` and `/trajectory/generator/` in run files.
    public var name: String
    public var shape: [Int]
    public var kind: ParameterKind
    public var initializer: Initializer
    public var fanIn: Int
    public var fanOut: Int

    public init(name: String, shape: [Int], kind: ParameterKind, initializer: Initializer, fanIn: Int, fanOut: Int) {
        self.name = name
        self.shape = shape
        self.kind = kind
        self.initializer = initializer
        self.fanIn = fanIn
        self.fanOut = fanOut
    }

    /// Number of scalars.
    public var count: Int { shape.reduce(1, *) }
}
