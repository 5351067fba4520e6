extension Validator {
    mutating func checkLoss() {
        guard let loss = scenario.loss else {
            fail("loss", "no loss declared (add one, e.g. Loss.nonSaturating)")
            return
        }
        let layers = scenario.discriminator.layers
        guard let last = layers.last, last == .activation(function: .sigmoid) else { return }
        let component = "discriminator layer \(layers.count - 1) (sigmoid)"
        switch loss {
        case .minimax, .nonSaturating:
            fail(component, "the \(loss.displayName) loss expects logits, but the discriminator ends in a sigmoid (remove it; the loss applies σ itself)")
        case .wasserstein:
            fail(component, "the Wasserstein loss needs an unbounded critic, but the discriminator ends in a sigmoid (remove it)")
        case .hinge:
            fail(component, "the hinge loss needs unbounded scores (margins at ±1), but the discriminator ends in a sigmoid (remove it)")
        case .leastSquares:
            break
        }
    }

    mutating func checkRegularizers() {
        var counts = [Regularizer.Kind: Int]()
        for regularizer in scenario.regularizers { counts[regularizer.kind, default: 0] += 1 }
        for kind in Regularizer.Kind.allCases where counts[kind, default: 0] > 1 {
            fail("regularizer '\(kind.displayName)'", "appears \(counts[kind]!) times; a scenario holds at most one of each kind")
        }
        for regularizer in scenario.regularizers {
            let component = "regularizer '\(regularizer.kind.displayName)'"
            switch regularizer {
            case .instanceNoise(let std):
                schedule(std, component, "std")
            case .weightPenalty(let weight):
                positive(weight, component, "weight")
            case .weightClipping(let limit):
                positive(limit, component, "limit")
            case .gradientPenalty(let weight, let target):
                positive(weight, component, "weight")
                nonNegative(target, component, "target norm")
            case .r1(let gamma), .r2(let gamma):
                positive(gamma, component, "gamma")
            case .roth(let gamma):
                schedule(gamma, component, "gamma")
                if let loss = scenario.loss, !loss.expectsLogits {
                    fail(component, "is defined for the minimax and non-saturating losses only, not \(loss.displayName)")
                }
            case .spectralNorm(let iterations):
                atLeast(1, iterations, component, "power iterations")
            }
        }
    }
}
