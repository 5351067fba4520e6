// The layer vocabulary of network bodies. Each maps to `Layer` cases, documented there.

/// activation(x·W + b): a `.dense` layer, then `.activation` when one is given.
/// Defaults: weights Glorot uniform (Glorot & Bengio 2010; the Keras default), bias zeros.
public struct Dense: LayerComponent {
    public var layers: [Layer]

    public init(_ units: Int, _ activation: Activation? = nil, bias: Bool = true,
                init weightInit: Initializer = .glorotUniform, biasInit: Initializer = .zeros) {
        layers = [.dense(units: units, bias: bias, weightInit: weightInit, biasInit: biasInit)]
        if let activation { layers.append(.activation(function: activation)) }
    }
}

/// x·W, a dense layer without bias (Dirac-GAN's discriminator D(x) = ψ·x is `Linear(1)`).
public struct Linear: LayerComponent {
    public var layers: [Layer]

    public init(_ units: Int, init weightInit: Initializer = .glorotUniform) {
        layers = [.dense(units: units, bias: false, weightInit: weightInit, biasInit: .zeros)]
    }
}

/// c·x, no parameters.
public struct Scale: LayerComponent {
    public var layers: [Layer]
    public init(_ factor: Double) { layers = [.scale(factor: factor)] }
}

/// A learnable constant output θ `[units]` that ignores its input (a generator that ignores z).
/// Default initialiser zeros; Dirac-GAN starts it elsewhere, e.g. `init: .constant(1)`.
public struct LearnableConstant: LayerComponent {
    public var layers: [Layer]
    public init(_ units: Int, init initializer: Initializer = .zeros) {
        layers = [.constant(units: units, initializer: initializer)]
    }
}

/// Layer normalisation; ε = 1e-5 as in PyTorch, affine by default.
public struct LayerNorm: LayerComponent {
    public var layers: [Layer]
    public init(epsilon: Double = 1e-5, affine: Bool = true) { layers = [.layerNorm(epsilon: epsilon, affine: affine)] }
}

/// Batch normalisation with batch statistics; ε = 1e-5 as in PyTorch, affine by default.
public struct BatchNorm: LayerComponent {
    public var layers: [Layer]
    public init(epsilon: Double = 1e-5, affine: Bool = true) { layers = [.batchNorm(epsilon: epsilon, affine: affine)] }
}

/// A 2-D convolution with square kernels; defaults stride 1, padding 0, bias, Glorot uniform weights.
public struct Conv2D: LayerComponent {
    public var layers: [Layer]

    public init(_ filters: Int, kernel: Int, stride: Int = 1, padding: Int = 0, _ activation: Activation? = nil,
                bias: Bool = true, init weightInit: Initializer = .glorotUniform, biasInit: Initializer = .zeros) {
        layers = [.conv2D(filters: filters, kernel: kernel, stride: stride, padding: padding, bias: bias,
                          weightInit: weightInit, biasInit: biasInit)]
        if let activation { layers.append(.activation(function: activation)) }
    }
}

/// A transposed 2-D convolution with square kernels; defaults stride 1, padding 0, output padding 0.
public struct ConvTranspose2D: LayerComponent {
    public var layers: [Layer]

    public init(_ filters: Int, kernel: Int, stride: Int = 1, padding: Int = 0, outputPadding: Int = 0,
                _ activation: Activation? = nil, bias: Bool = true,
                init weightInit: Initializer = .glorotUniform, biasInit: Initializer = .zeros) {
        layers = [.convTranspose2D(filters: filters, kernel: kernel, stride: stride, padding: padding,
                                   outputPadding: outputPadding, bias: bias, weightInit: weightInit, biasInit: biasInit)]
        if let activation { layers.append(.activation(function: activation)) }
    }
}

/// Reshape each sample, e.g. `Reshape(64, 4, 4)` after a dense layer of 1024 units.
public struct Reshape: LayerComponent {
    public var layers: [Layer]
    public init(_ shape: Int...) { layers = [.reshape(shape: shape)] }
    public init(_ shape: [Int]) { layers = [.reshape(shape: shape)] }
}

/// Flatten each sample to a vector.
public struct Flatten: LayerComponent {
    public var layers: [Layer] { [.flatten] }
    public init() {}
}

/// max(0, x).
public struct ReLU: LayerComponent {
    public var layers: [Layer] { [.activation(function: .relu)] }
    public init() {}
}

/// x if x > 0 else α·x; α = 0.2 by default (DCGAN).
public struct LeakyReLU: LayerComponent {
    public var layers: [Layer]
    public init(_ slope: Double = 0.2) { layers = [.activation(function: .leakyReLU(slope: slope))] }
}

/// tanh(x).
public struct Tanh: LayerComponent {
    public var layers: [Layer] { [.activation(function: .tanh)] }
    public init() {}
}

/// 1 / (1 + e^(−x)).
public struct Sigmoid: LayerComponent {
    public var layers: [Layer] { [.activation(function: .sigmoid)] }
    public init() {}
}

/// x if x > 0 else α·(eˣ − 1); α = 1 by default.
public struct ELU: LayerComponent {
    public var layers: [Layer]
    public init(_ alpha: Double = 1) { layers = [.activation(function: .elu(alpha: alpha))] }
}

/// ln(1 + eˣ).
public struct Softplus: LayerComponent {
    public var layers: [Layer] { [.activation(function: .softplus)] }
    public init() {}
}
