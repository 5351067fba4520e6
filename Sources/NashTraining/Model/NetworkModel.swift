import Nash
import NashEngine

/// A network ready to run: its `Nash.Network` description resolved against an input shape into the
/// list of parameters (`parameterSpecs`, in layer order) and a **functional** forward pass.
///
/// The model holds no weights. `forward(_:parameters:)` takes them as an argument, so the same model
/// runs on D's own parameters, on spectrally normalised copies of them, or on the look-ahead
/// parameters of an unrolled step (which carry a graph back to G) without any mutation.
///
/// Shapes: x is `[B] + inputShape`, the result `[B] + outputShape`; images are channels first.
public struct NetworkModel {
    public let network: Network
    public let inputShape: [Int]
    public let outputShape: [Int]
    /// Every learnable tensor in layer order; `forward` expects its parameters in this order.
    public let parameterSpecs: [ParameterSpec]
    /// `layerInputs[i]` is the per-sample input shape of layer i.
    let layerInputs: [[Int]]
    /// `parameterRanges[i]` is the range of layer i's parameters in `parameterSpecs`.
    let parameterRanges: [Range<Int>]

    /// Resolves `network` for per-sample input `input`; throws `LayerShapeError` naming the first layer
    /// that cannot take its input.
    public init(_ network: Network, input: [Int]) throws {
        self.network = network
        inputShape = input
        let shapes = try network.shapes(input: input)
        outputShape = shapes.last ?? input
        layerInputs = [input] + shapes.dropLast()
        var specs = [ParameterSpec]()
        var ranges = [Range<Int>]()
        for (index, layer) in network.layers.enumerated() {
            let own = try layer.parameters(input: layerInputs[index], index: index)
            ranges.append(specs.count..<(specs.count + own.count))
            specs += own
        }
        parameterSpecs = specs
        parameterRanges = ranges
    }

    /// Total number of learnable scalars.
    public var parameterCount: Int { parameterSpecs.reduce(0) { $0 + $1.count } }

    /// The network applied to the batch `x` with `parameters` (one tensor per `parameterSpecs` entry,
    /// of its shape). Differentiable in both `x` and `parameters`, to any order.
    public func forward(_ x: Tensor, parameters: [Tensor]) -> Tensor {
        precondition(parameters.count == parameterSpecs.count,
                     "forward needs \(parameterSpecs.count) parameters, got \(parameters.count)")
        precondition(Array(x.shape.dropFirst()) == inputShape,
                     "input batch shape \(x.shape) does not match the network's input \(inputShape)")
        var h = x
        let layers = network.layers
        var index = 0
        while index < layers.count {
            let own = Array(parameters[parameterRanges[index]])
            // A dense layer with a bias and the ReLU after it run as one fused op (the same bits).
            if case .dense(_, true, _, _) = layers[index], index + 1 < layers.count,
               layers[index + 1] == .activation(function: .relu) {
                h = linear(h, own[0], own[1], relu: true)
                index += 2
                continue
            }
            h = LayerForward.apply(layers[index], h, own, input: layerInputs[index])
            index += 1
        }
        return h
    }
}
