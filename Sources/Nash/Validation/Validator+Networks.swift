extension Validator {
    mutating func checkNetworks() {
        let latentShape = scenario.latent.flatMap { $0.dimension >= 1 ? [$0.dimension] : nil }
        let dataShape = validDataShape
        if let output = checkNetwork(scenario.generator, role: "generator", input: latentShape),
           let dataShape, output != dataShape {
            fail("generator", "outputs shape \(describe(output)) but the data has shape \(describe(dataShape))")
        }
        if let output = checkNetwork(scenario.discriminator, role: "discriminator", input: dataShape), output != [1] {
            fail("discriminator", "outputs shape \(describe(output)); it must output [1], one score per sample")
        }
    }

    /// The data's per-sample shape when it is known and sensible.
    var validDataShape: [Int]? {
        guard let shape = scenario.data?.source.shape, !shape.isEmpty, shape.allSatisfy({ $0 >= 1 }) else { return nil }
        return shape
    }

    /// Checks one network; returns its output shape when the input is known and every layer fits.
    mutating func checkNetwork(_ network: Network, role: String, input: [Int]?) -> [Int]? {
        guard !network.layers.isEmpty else {
            fail(role, "has no layers")
            return nil
        }
        var settingsValid = true
        for (index, layer) in network.layers.enumerated() {
            let component = "\(role) layer \(index) (\(layer.kindName))"
            do { try layer.checkSettings() } catch let error as ShapeError {
                fail(component, error.message)
                settingsValid = false
            } catch {
                preconditionFailure("checkSettings throws only ShapeError")
            }
            for (what, initializer) in layer.initializers { checkInitializer(initializer, component, what) }
        }
        guard settingsValid, let input else { return nil }
        do {
            let output = try network.outputShape(input: input)
            if try network.parameterCount(input: input) == 0 { fail(role, "has no learnable parameters") }
            return output
        } catch let error as LayerShapeError {
            fail("\(role) layer \(error.index) (\(error.layer.kindName))", error.message)
            return nil
        } catch {
            preconditionFailure("shapes throw only LayerShapeError")
        }
    }

    mutating func checkInitializer(_ initializer: Initializer, _ component: String, _ what: String) {
        switch initializer {
        case .glorotUniform, .glorotNormal, .heUniform, .heNormal: break
        case .orthogonal(let gain): positive(gain, component, "\(what) initializer gain")
        case .normal(let std): nonNegative(std, component, "\(what) initializer std")
        case .uniform(let limit): nonNegative(limit, component, "\(what) initializer limit")
        case .constant(let value): finite(value, component, "\(what) initializer value")
        }
    }
}

extension Layer {
    /// The initialisers a layer uses, labelled for messages.
    var initializers: [(String, Initializer)] {
        switch self {
        case .dense(_, let bias, let weightInit, let biasInit),
             .conv2D(_, _, _, _, let bias, let weightInit, let biasInit),
             .convTranspose2D(_, _, _, _, _, let bias, let weightInit, let biasInit):
            return bias ? [("weight", weightInit), ("bias", biasInit)] : [("weight", weightInit)]
        case .constant(_, let initializer):
            return [("value", initializer)]
        case .activation, .scale, .layerNorm, .batchNorm, .reshape, .flatten:
            return []
        }
    }
}
