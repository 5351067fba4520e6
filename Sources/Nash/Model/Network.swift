/// A feed-forward network: layers applied in order to a batch. The generator's input is z
/// (`[latent dimension]`) and its output must have the data's shape; the discriminator's input is a
/// data sample and its output must be `[1]`, a single score per sample (a logit for the logit losses).
public struct Network: Codable, Hashable, Sendable {
    public var layers: [Layer]

    public init(layers: [Layer]) { self.layers = layers }

    /// The shape after every layer (`shapes[i]` is the output of `layers[i]`) for a given input shape.
    /// Throws `LayerShapeError` naming the first layer that cannot take its input.
    public func shapes(input: [Int]) throws -> [[Int]] {
        var current = input
        var out = [[Int]]()
        for (index, layer) in layers.enumerated() {
            do {
                current = try layer.outputShape(input: current)
            } catch let error as ShapeError {
                throw LayerShapeError(index: index, layer: layer, message: error.message)
            }
            out.append(current)
        }
        return out
    }

    /// The output shape for a given input shape.
    public func outputShape(input: [Int]) throws -> [Int] { try shapes(input: input).last ?? input }

    /// Every learnable tensor, in layer order, for a given input shape. Names are unique within the network.
    public func parameters(input: [Int]) throws -> [ParameterSpec] {
        var current = input
        var specs = [ParameterSpec]()
        for (index, layer) in layers.enumerated() {
            do {
                specs += try layer.parameters(input: current, index: index)
                current = try layer.outputShape(input: current)
            } catch let error as ShapeError {
                throw LayerShapeError(index: index, layer: layer, message: error.message)
            }
        }
        return specs
    }

    /// Total number of learnable scalars for a given input shape.
    public func parameterCount(input: [Int]) throws -> Int {
        try parameters(input: input).reduce(0) { $0 + $1.count }
    }
}

/// A layer of a network that cannot take its input; `index` is its position in `Network.layers`.
public struct LayerShapeError: Error, Equatable, CustomStringConvertible {
    public var index: Int
    public var layer: Layer
    public var message: String
    public var description: String { "layer \(index) (\(layer.kindName)): \(message)" }
}
